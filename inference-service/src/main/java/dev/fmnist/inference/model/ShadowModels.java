package dev.fmnist.inference.model;

import java.util.List;
import java.util.Optional;

/**
 * The models in shadow this instance scores beside the production one, swapped as a whole. A batch takes the set once
 * and keeps using it, like {@link ServingModelHolder}'s model, so a model dropped meanwhile still finishes that batch.
 */
public final class ShadowModels {

    private volatile List<ServingModel> current = List.of();

    /** @return the models in shadow now, in the registry's order (newest first); empty when none */
    public List<ServingModel> current() {
        return current;
    }

    /** @return the loaded shadow model {@code modelId} with file {@code sha256}, if it is one now */
    public Optional<ServingModel> find(String modelId, String sha256) {
        return current.stream().filter(m -> m.isSameAs(modelId, sha256)).findFirst();
    }

    /** Scores {@code models} from now on (empty: none). */
    public void replace(List<ServingModel> models) {
        current = List.copyOf(models);
    }
}
