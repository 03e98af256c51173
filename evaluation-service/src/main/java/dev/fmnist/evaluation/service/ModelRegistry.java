package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.ModelStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's view of every model, in memory: the newest event per model wins (by its timestamp), so an older
 * event arriving late changes nothing. Durable first: {@link #apply} stores before it changes the memory.
 */
public class ModelRegistry {

    /** Production first, then by model id. */
    public static final Comparator<RegisteredModel> PRODUCTION_FIRST = Comparator.comparing(
                    (RegisteredModel m) -> m.status() != ModelStatus.PRODUCTION)
            .thenComparing(RegisteredModel::modelId);

    private final ModelStore store;
    private final Map<String, RegisteredModel> models = new ConcurrentHashMap<>();

    public ModelRegistry(ModelStore store) {
        this.store = store;
        store.loadAll().forEach(m -> models.put(m.modelId(), m));
    }

    /**
     * Stores and applies an event's model unless a newer one is known.
     *
     * @return whether it changed what is known of the model
     */
    public synchronized boolean apply(RegisteredModel model) {
        RegisteredModel older = models.get(model.modelId());
        if (!model.supersedes(older)) {
            return false;
        }
        // an event without a reference profile keeps the one known (as the store does)
        RegisteredModel kept = model.reference() == null && older != null && older.reference() != null
                ? model.withReference(older.reference())
                : model;
        store.upsert(kept);
        models.put(kept.modelId(), kept);
        return true;
    }

    /** @return what the registry said last of a model */
    public Optional<RegisteredModel> get(String modelId) {
        return Optional.ofNullable(models.get(modelId));
    }

    /** @return every known model, production first, then by model id */
    public List<RegisteredModel> all() {
        return models.values().stream().sorted(PRODUCTION_FIRST).toList();
    }
}
