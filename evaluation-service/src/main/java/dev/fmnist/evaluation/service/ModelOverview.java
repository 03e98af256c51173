package dev.fmnist.evaluation.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model as the registry describes it, side by side with its live figures: registered test accuracy vs live
 * accuracy. Either half may be missing (a model registered but not yet evaluated, or evaluated but never seen on
 * {@code fmnist.models}).
 *
 * @param modelId                model id
 * @param name                   registry name, null when unknown
 * @param version                registry version, or the evaluated modelVersion when not registered
 * @param architecture           architecture, null when unknown
 * @param status                 registry status, null when unknown
 * @param statusChangedAt        when the status changed, null when unknown
 * @param registeredTestAccuracy test accuracy it was registered with, null when unknown
 * @param liveAccuracy           cumulative accuracy of its latest Evaluation, null before any
 * @param liveCount              labelled images counted in its latest Evaluation, 0 before any
 * @param evaluatedAt            timestamp of its latest Evaluation, null before any
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelOverview(
        String modelId,
        String name,
        Integer version,
        String architecture,
        ModelStatus status,
        Instant statusChangedAt,
        Double registeredTestAccuracy,
        Double liveAccuracy,
        long liveCount,
        Instant evaluatedAt) {

    /** Production first, then by model id. */
    public static final Comparator<ModelOverview> PRODUCTION_FIRST = Comparator.comparing(
                    (ModelOverview m) -> m.status() != ModelStatus.PRODUCTION)
            .thenComparing(ModelOverview::modelId);

    /** @return one model from what is known of it; either argument may be null, not both */
    public static ModelOverview of(RegisteredModel registered, Evaluation latest) {
        String modelId = registered != null ? registered.modelId() : latest.modelId();
        Integer version =
                registered != null ? Integer.valueOf(registered.version()) : Integer.valueOf(latest.modelVersion());
        return new ModelOverview(
                modelId,
                registered == null ? null : registered.name(),
                version,
                registered == null ? null : registered.architecture(),
                registered == null ? null : registered.status(),
                registered == null ? null : registered.statusChangedAt(),
                registered == null ? null : registered.testAccuracy(),
                latest == null ? null : latest.accuracy(),
                latest == null ? 0 : latest.count(),
                latest == null ? null : latest.timestamp());
    }

    /** @return every model known to either side, production first, then by model id */
    public static List<ModelOverview> join(List<RegisteredModel> registered, List<Evaluation> evaluations) {
        Map<String, Evaluation> latest = new LinkedHashMap<>();
        evaluations.forEach(e -> latest.put(e.modelId(), e));
        List<ModelOverview> all = new ArrayList<>();
        for (RegisteredModel model : registered) {
            all.add(of(model, latest.remove(model.modelId())));
        }
        latest.values().forEach(e -> all.add(of(null, e)));
        all.sort(PRODUCTION_FIRST);
        return all;
    }
}
