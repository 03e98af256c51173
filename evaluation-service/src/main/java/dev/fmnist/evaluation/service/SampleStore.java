package dev.fmnist.evaluation.service;

import java.util.List;

/**
 * Where the cell samples are kept: per (model, trueLabel, predictedLabel) cell the newest K counted predictions, each
 * with its probabilities, timestamp and, when the {@link ImageStore} has them, its input image's pixels.
 */
public interface SampleStore {

    /**
     * Adds samples and trims every cell they touch to its newest {@code perCell}. Called inside the counting
     * transaction ({@link CountStore#countNew(List, java.util.function.Consumer)}), so a batch's samples are kept
     * exactly when its counts are.
     *
     * @param samples counted predictions, in counting order (the last is the newest)
     * @param perCell K
     */
    void keep(List<LabelledPrediction> samples, int perCell);

    /**
     * @param modelId        model id
     * @param trueLabel      0..9
     * @param predictedLabel 0..9
     * @param limit          at most this many
     * @return the cell's samples, newest first
     */
    List<CellSample> cell(String modelId, int trueLabel, int predictedLabel, int limit);

    /**
     * @param modelId model id
     * @param limit   at most this many
     * @return the model's samples whose predicted label is not the true one, newest first
     */
    List<CellSample> mistakes(String modelId, int limit);
}
