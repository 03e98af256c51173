package dev.fmnist.evaluation.dashboard;

import dev.fmnist.evaluation.service.ModelOverview;

/**
 * A model in a view's model selector.
 *
 * @param modelId  model id
 * @param label    what the option shows: name, version and status
 * @param selected whether it is the one shown
 */
public record ModelChoice(String modelId, String label, boolean selected) {

    /** @return the option of {@code m}, selected when it is {@code selectedId} */
    public static ModelChoice of(ModelOverview m, String selectedId) {
        String name = m.name() == null ? m.modelId() : m.name();
        String label = name
                + (m.version() == null ? "" : " v" + m.version())
                + (m.status() == null ? "" : " · " + m.status().name())
                + (name.equals(m.modelId()) ? "" : " (" + m.modelId() + ")");
        return new ModelChoice(m.modelId(), label, m.modelId().equals(selectedId));
    }
}
