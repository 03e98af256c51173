package dev.fmnist.evaluation.testing;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made set of ten labelled predictions, with its expected metrics worked out by hand (not by the code under
 * test). Class 9 (Ankle boot) is predicted once but never present; class 8 (Bag) is present once but never predicted;
 * classes 3, 4, 5 and 7 appear nowhere.
 *
 * <pre>
 *  image  true  predicted
 *  a01    0     0
 *  a02    0     0
 *  a03    0     6
 *  a04    6     6
 *  a05    6     0
 *  a06    1     1
 *  a07    1     1
 *  a08    1     9      (class 9 never present)
 *  a09    8     1      (class 8 never predicted)
 *  a10    2     2
 * </pre>
 * Accuracy: trace 2+2+1+1 = 6 of 10. Per class (TP / predicted, TP / support):
 * class 0: 2/3, 2/3, F1 2/3; class 1: 2/3, 2/3, F1 2/3; class 2: 1, 1, F1 1; class 6: 1/2, 1/2, F1 1/2;
 * class 8: precision 0 (never predicted), recall 0/1, F1 0; class 9: precision 0/1, recall 0 (no support), F1 0;
 * classes 3, 4, 5, 7: 0. Macro-F1 = (2/3 + 2/3 + 1 + 1/2) / 10 = 17/60.
 * Weighted F1 = (3·2/3 + 3·2/3 + 1·1 + 2·1/2 + 1·0) / 10 = 6/10.
 */
public final class HandMadeSet {

    /** {image suffix, true label, predicted label}. */
    public static final int[][] ROWS = {
        {1, 0, 0}, {2, 0, 0}, {3, 0, 6}, {4, 6, 6}, {5, 6, 0},
        {6, 1, 1}, {7, 1, 1}, {8, 1, 9}, {9, 8, 1}, {10, 2, 2}
    };

    public static final long COUNT = 10;
    public static final double ACCURACY = 6.0 / 10;
    public static final double MACRO_F1 = 17.0 / 60;
    public static final double WEIGHTED_F1 = 6.0 / 10;
    /** Per class: {precision, recall, f1}. */
    public static final double[][] PER_CLASS = {
        {2.0 / 3, 2.0 / 3, 2.0 / 3},
        {2.0 / 3, 2.0 / 3, 2.0 / 3},
        {1, 1, 1},
        {0, 0, 0},
        {0, 0, 0},
        {0, 0, 0},
        {0.5, 0.5, 0.5},
        {0, 0, 0},
        {0, 0, 0},
        {0, 0, 0}
    };

    public static final long[] SUPPORT = {3, 3, 1, 0, 0, 0, 2, 0, 1, 0};

    private HandMadeSet() {}

    /** @return the expected matrix, [true][predicted] */
    public static long[][] matrix() {
        long[][] m = new long[10][10];
        for (int[] row : ROWS) {
            m[row[1]][row[2]]++;
        }
        return m;
    }

    /** @return image id of row {@code i} (1-based suffix) for a model */
    public static String imageId(String modelId, int suffix) {
        return modelId + "-a" + String.format("%02d", suffix);
    }

    /** @return the ten predictions of a model */
    public static List<Prediction> predictions(String modelId) {
        List<Prediction> predictions = new ArrayList<>();
        for (int[] row : ROWS) {
            predictions.add(prediction(modelId, imageId(modelId, row[0]), row[1], row[2]));
        }
        return predictions;
    }

    /** @return a labelled prediction of version 1 of a model */
    public static Prediction prediction(String modelId, String imageId, Integer trueLabel, int predicted) {
        double[] probabilities = new double[FashionLabels.COUNT];
        probabilities[predicted] = 1.0;
        return new Prediction(
                imageId,
                modelId,
                1,
                predicted,
                FashionLabels.name(predicted),
                probabilities,
                trueLabel,
                1.5,
                Instant.now());
    }
}
