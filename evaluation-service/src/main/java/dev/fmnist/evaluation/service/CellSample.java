package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;

import java.time.Instant;
import java.util.Base64;

/**
 * One retained sample of a confusion-matrix cell, as served by {@code GET /api/evaluations/{modelId}/cells/…} and
 * {@code /mistakes}: a counted prediction with its input image.
 *
 * @param id             the image id (Prediction.id)
 * @param modelId        the model that predicted it
 * @param trueLabel      ground truth 0..9
 * @param trueClassName  its class name
 * @param label          predicted class 0..9
 * @param className      its class name
 * @param probabilities  the prediction's ten class probabilities (null when not known)
 * @param pixels         base64 of the 784 grey levels (row-major) from {@code fmnist.images.input}, or null when the
 *                       image was not, or is no longer, retained
 * @param width          28
 * @param height         28
 * @param timestamp      the prediction's timestamp
 */
public record CellSample(
        String id,
        String modelId,
        int trueLabel,
        String trueClassName,
        int label,
        String className,
        double[] probabilities,
        String pixels,
        int width,
        int height,
        Instant timestamp) {

    /**
     * @param pixels 784 grey levels, or null
     * @return the sample, class names and geometry filled in
     */
    public static CellSample of(
            String id,
            String modelId,
            int trueLabel,
            int label,
            double[] probabilities,
            byte[] pixels,
            Instant timestamp) {
        return new CellSample(
                id,
                modelId,
                trueLabel,
                FashionLabels.name(trueLabel),
                label,
                FashionLabels.name(label),
                probabilities,
                pixels == null ? null : Base64.getEncoder().encodeToString(pixels),
                ImageGeometry.SIDE,
                ImageGeometry.SIDE,
                timestamp);
    }
}
