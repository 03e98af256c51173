package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;

/**
 * What the model registry last said of a model (from {@code fmnist.models}).
 *
 * @param modelId         model id, as in Prediction.modelId
 * @param name            registry name shared by the versions (may be null)
 * @param version         version number within the name
 * @param architecture    architecture it was trained with (may be null)
 * @param status          current status
 * @param testAccuracy    test accuracy it was registered with ({@code metrics.testAccuracy}), null when absent
 * @param statusChangedAt when the status changed (the event's timestamp)
 * @param reference       the training set's input profile ({@code ModelEvent.reference}), null for a model
 *                        registered before references existed
 */
public record RegisteredModel(
        String modelId,
        String name,
        int version,
        String architecture,
        ModelStatus status,
        Double testAccuracy,
        Instant statusChangedAt,
        InputProfile reference) {

    /** An entry without a reference profile. */
    public RegisteredModel(
            String modelId,
            String name,
            int version,
            String architecture,
            ModelStatus status,
            Double testAccuracy,
            Instant statusChangedAt) {
        this(modelId, name, version, architecture, status, testAccuracy, statusChangedAt, null);
    }

    /** Metric key of the registered test accuracy. */
    public static final String TEST_ACCURACY = "testAccuracy";

    /**
     * @param event    a valid model event
     * @param fallback when the event carries no timestamp (the record's time)
     * @return what the event says of its model
     */
    public static RegisteredModel of(ModelEvent event, Instant fallback) {
        Double testAccuracy = event.metrics() == null ? null : event.metrics().get(TEST_ACCURACY);
        return new RegisteredModel(
                event.modelId(),
                event.name(),
                event.version(),
                event.architecture(),
                event.status(),
                testAccuracy,
                event.timestamp() == null ? fallback : event.timestamp(),
                event.reference());
    }

    /** @return this entry with {@code reference} */
    public RegisteredModel withReference(InputProfile reference) {
        return new RegisteredModel(
                modelId, name, version, architecture, status, testAccuracy, statusChangedAt, reference);
    }

    /** @return whether this replaces {@code older}: the newest event wins, a tie goes to the later arrival */
    public boolean supersedes(RegisteredModel older) {
        return older == null || !statusChangedAt.isBefore(older.statusChangedAt);
    }
}
