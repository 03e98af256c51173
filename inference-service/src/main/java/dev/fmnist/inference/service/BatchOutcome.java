package dev.fmnist.inference.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;

import java.time.Instant;
import java.util.List;

/**
 * What one batch of input records became: one Prediction per accepted record and one Rejection per refused
 * record, each in input order.
 *
 * @param predictions  for the accepted records (role {@code production})
 * @param rejections   for the refused records
 * @param forwardNanos time the forward pass took (0 when nothing was accepted)
 * @param accepted     the images the predictions are of, in the same order (what models in shadow score)
 */
public record BatchOutcome(
        List<Prediction> predictions, List<Rejection> rejections, long forwardNanos, List<Accepted> accepted) {

    /**
     * One accepted image.
     *
     * @param image     the decoded image
     * @param arrivedAt when its record arrived
     */
    public record Accepted(DecodedImage image, Instant arrivedAt) {}

    /** An outcome whose accepted images are not kept (nothing to score in shadow). */
    public BatchOutcome(List<Prediction> predictions, List<Rejection> rejections, long forwardNanos) {
        this(predictions, rejections, forwardNanos, List.of());
    }

    /** @return how many records the batch held */
    public int size() {
        return predictions.size() + rejections.size();
    }
}
