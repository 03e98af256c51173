package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Identifiers;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;

/**
 * Decodes a {@code fmnist.training.progress} record with the contract's strict decoding and checks what storing and
 * drawing it needs: a valid {@code jobId} (the key of everything kept of it), a {@code status}, a valid
 * {@code modelId} when there is one, a {@code message} PostgreSQL can store, and finite figures (JSON has no NaN or
 * infinity, yet {@code 1e999} or {@code "NaN"} decode to one and could not be written back as a number).
 */
public final class ProgressIntake {

    private final RecordDecoder decoder = new RecordDecoder(PredictionIntake.SERVICE);

    /**
     * @return the record, or the Rejection to publish instead (rule {@code invalid-json}, {@code not-an-object} or
     *     {@code invalid-field})
     */
    public Decoded<TrainingProgress> decode(String topic, String key, byte[] value) {
        Decoded<TrainingProgress> decoded = decoder.decode(topic, key, value, TrainingProgress.class);
        if (!decoded.isAccepted()) {
            return decoded;
        }
        String problem = problem(decoded.value());
        return problem == null
                ? decoded
                : Decoded.refused(
                        Rejection.of(topic, key, "invalid-field: " + problem, value, PredictionIntake.SERVICE));
    }

    /** @return the first rule {@code progress} breaks, or null */
    static String problem(TrainingProgress progress) {
        String problem = Identifiers.problem("jobId", progress.jobId());
        if (problem == null && progress.status() == null) {
            problem = "'status' is missing";
        }
        if (problem == null && progress.modelId() != null) {
            problem = Identifiers.problem("modelId", progress.modelId());
        }
        if (problem == null) {
            problem = Identifiers.textProblem("message", progress.message());
        }
        if (problem == null) {
            problem = finite("loss", progress.loss());
        }
        if (problem == null) {
            problem = finite("trainAccuracy", progress.trainAccuracy());
        }
        if (problem == null) {
            problem = finite("validationAccuracy", progress.validationAccuracy());
        }
        if (problem == null) {
            problem = finite("imagesPerSecond", progress.imagesPerSecond());
        }
        if (problem == null) {
            problem = finite("elapsedSeconds", progress.elapsedSeconds());
        }
        if (problem == null) {
            problem = finite("etaSeconds", progress.etaSeconds());
        }
        return problem;
    }

    private static String finite(String field, Double value) {
        return value == null || Double.isFinite(value) ? null : "'" + field + "' is " + value + ", not a finite number";
    }
}
