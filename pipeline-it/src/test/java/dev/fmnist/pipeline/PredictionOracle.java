package dev.fmnist.pipeline;

import dev.fmnist.contracts.Prediction;

import java.util.Collection;

/**
 * Recomputes accuracy and per-class F1 from raw predictions, written independently of the services' metrics code
 * (counts of true positives, false positives and false negatives per class).
 */
final class PredictionOracle {

    private final long[] truePositives = new long[10];
    private final long[] falsePositives = new long[10];
    private final long[] falseNegatives = new long[10];
    private final long[][] matrix = new long[10][10];
    private long count;

    PredictionOracle(Collection<Prediction> predictions) {
        for (Prediction p : predictions) {
            int truth = p.trueLabel();
            int guess = p.label();
            matrix[truth][guess]++;
            count++;
            if (truth == guess) {
                truePositives[truth]++;
            } else {
                falsePositives[guess]++;
                falseNegatives[truth]++;
            }
        }
    }

    long count() {
        return count;
    }

    long[][] matrix() {
        return matrix;
    }

    double accuracy() {
        long right = 0;
        for (long tp : truePositives) {
            right += tp;
        }
        return (double) right / count;
    }

    double f1(int label) {
        double tp = truePositives[label];
        double denominator = 2 * tp + falsePositives[label] + falseNegatives[label];
        // 2PR/(P+R) = 2TP/(2TP+FP+FN); 0 when there is no true positive
        return tp == 0 ? 0.0 : 2 * tp / denominator;
    }
}
