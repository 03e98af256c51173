package dev.fmnist.evaluation.service;

import java.util.List;

/** Port: where the registry's view of each model is kept durably. */
public interface ModelStore {

    /** Stores {@code model} unless a newer event of the same model is stored already (idempotent). */
    void upsert(RegisteredModel model);

    /** @return every stored model */
    List<RegisteredModel> loadAll();
}
