package dev.fmnist.evaluation.service;

import java.time.Instant;

/**
 * The part of a Prediction with a {@code trueLabel} that evaluation counts.
 *
 * @param modelId        model version that predicted it
 * @param modelVersion   its version number
 * @param imageId        the image id (counted once per model)
 * @param trueLabel      ground truth 0..9
 * @param predictedLabel predicted class 0..9
 * @param predictedAt    the prediction's timestamp (the record timestamp when the prediction has none)
 * @param probabilities  its ten class probabilities, kept for the cell samples; null when not known (a prediction
 *                       restored from the deduplication record)
 */
public record LabelledPrediction(
        String modelId,
        int modelVersion,
        String imageId,
        int trueLabel,
        int predictedLabel,
        Instant predictedAt,
        double[] probabilities) {

    /** A labelled prediction whose probabilities are not known. */
    public LabelledPrediction(
            String modelId, int modelVersion, String imageId, int trueLabel, int predictedLabel, Instant predictedAt) {
        this(modelId, modelVersion, imageId, trueLabel, predictedLabel, predictedAt, null);
    }

    /** @return the identity evaluation deduplicates on */
    public Key key() {
        return new Key(modelId, imageId);
    }

    /**
     * One image for one model.
     *
     * @param modelId model version
     * @param imageId image id
     */
    public record Key(String modelId, String imageId) {}
}
