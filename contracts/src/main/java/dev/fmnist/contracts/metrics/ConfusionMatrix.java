package dev.fmnist.contracts.metrics;

import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.FashionLabels;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutable 10×10 confusion matrix, {@code counts[true][predicted]}, and the contract's metrics over it:
 * precision of a class never predicted is 0, recall of a class without support is 0, F1 is 0 where
 * precision + recall is 0, macro-F1 is the mean over all ten classes, accuracy is the trace over the count.
 * Not thread-safe.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    /** An empty matrix. */
    public ConfusionMatrix() {
        this.counts = new long[FashionLabels.COUNT][FashionLabels.COUNT];
    }

    /** @param counts a 10×10 matrix to copy, {@code [true][predicted]} */
    public static ConfusionMatrix of(long[][] counts) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (int t = 0; t < FashionLabels.COUNT; t++) {
            System.arraycopy(counts[t], 0, matrix.counts[t], 0, FashionLabels.COUNT);
        }
        return matrix;
    }

    /** Counts one image of class {@code trueLabel} predicted as {@code predictedLabel}. */
    public void add(int trueLabel, int predictedLabel) {
        counts[trueLabel][predictedLabel]++;
    }

    /** Adds {@code n} (may be negative, to remove) images at one cell. */
    public void add(int trueLabel, int predictedLabel, long n) {
        counts[trueLabel][predictedLabel] += n;
    }

    /** Adds every cell of {@code other}. */
    public void addAll(ConfusionMatrix other) {
        for (int t = 0; t < FashionLabels.COUNT; t++) {
            for (int p = 0; p < FashionLabels.COUNT; p++) {
                counts[t][p] += other.counts[t][p];
            }
        }
    }

    /** @return the count at {@code [trueLabel][predictedLabel]} */
    public long get(int trueLabel, int predictedLabel) {
        return counts[trueLabel][predictedLabel];
    }

    /** @return a copy of the counts, {@code [true][predicted]} */
    public long[][] toArray() {
        long[][] copy = new long[FashionLabels.COUNT][];
        for (int t = 0; t < FashionLabels.COUNT; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** @return all images counted */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long cell : row) {
                total += cell;
            }
        }
        return total;
    }

    /** @return images counted on the diagonal */
    public long correct() {
        long trace = 0;
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            trace += counts[c][c];
        }
        return trace;
    }

    /** @return trace / total, 0 when empty */
    public double accuracy() {
        long total = total();
        return total == 0 ? 0.0 : (double) correct() / total;
    }

    /** @return images whose true label is {@code label} */
    public long support(int label) {
        long support = 0;
        for (long cell : counts[label]) {
            support += cell;
        }
        return support;
    }

    /** @return images predicted as {@code label} */
    public long predicted(int label) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[label];
        }
        return predicted;
    }

    /** @return TP / (TP + FP), 0 for a class never predicted */
    public double precision(int label) {
        long predicted = predicted(label);
        return predicted == 0 ? 0.0 : (double) counts[label][label] / predicted;
    }

    /** @return TP / (TP + FN), 0 for a class with no support */
    public double recall(int label) {
        long support = support(label);
        return support == 0 ? 0.0 : (double) counts[label][label] / support;
    }

    /** @return 2PR / (P + R), 0 where P + R is 0 */
    public double f1(int label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** @return mean F1 over all ten classes */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            sum += f1(c);
        }
        return sum / FashionLabels.COUNT;
    }

    /** @return F1 weighted by support, 0 when empty */
    public double weightedF1() {
        long total = total();
        if (total == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            sum += f1(c) * support(c);
        }
        return sum / total;
    }

    /** @return precision, recall, F1 and support of each class, in label order */
    public List<ClassMetrics> perClass() {
        List<ClassMetrics> metrics = new ArrayList<>(FashionLabels.COUNT);
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            metrics.add(new ClassMetrics(c, FashionLabels.name(c), precision(c), recall(c), f1(c), support(c)));
        }
        return metrics;
    }
}
