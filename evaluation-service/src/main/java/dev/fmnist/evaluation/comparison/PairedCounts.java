package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

/**
 * The labelled images two models both predicted, counted by (true label, champion's prediction, challenger's
 * prediction): everything a paired comparison needs. Immutable.
 */
public final class PairedCounts {

    private static final int K = FashionLabels.COUNT;

    private final long[][][] counts;

    private PairedCounts(long[][][] counts) {
        this.counts = counts;
    }

    /** @return a builder of counts */
    public static Builder builder() {
        return new Builder();
    }

    /** @return no paired image */
    public static PairedCounts empty() {
        return builder().build();
    }

    /** @return paired images with this true label and these two predictions */
    public long get(int trueLabel, int champion, int challenger) {
        return counts[trueLabel][champion][challenger];
    }

    /** @return every paired image */
    public long paired() {
        long n = 0;
        for (int t = 0; t < K; t++) {
            for (int a = 0; a < K; a++) {
                for (int b = 0; b < K; b++) {
                    n += counts[t][a][b];
                }
            }
        }
        return n;
    }

    /** @return paired images both got right */
    public long bothCorrect() {
        long n = 0;
        for (int t = 0; t < K; t++) {
            n += counts[t][t][t];
        }
        return n;
    }

    /** @return paired images only the champion got right (McNemar's b) */
    public long championOnly() {
        long n = 0;
        for (int t = 0; t < K; t++) {
            for (int b = 0; b < K; b++) {
                if (b != t) {
                    n += counts[t][t][b];
                }
            }
        }
        return n;
    }

    /** @return paired images only the challenger got right (McNemar's c) */
    public long challengerOnly() {
        long n = 0;
        for (int t = 0; t < K; t++) {
            for (int a = 0; a < K; a++) {
                if (a != t) {
                    n += counts[t][a][t];
                }
            }
        }
        return n;
    }

    /** @return the champion's confusion matrix on the paired images */
    public ConfusionMatrix championMatrix() {
        ConfusionMatrix m = new ConfusionMatrix();
        for (int t = 0; t < K; t++) {
            for (int a = 0; a < K; a++) {
                for (int b = 0; b < K; b++) {
                    m.add(t, a, counts[t][a][b]);
                }
            }
        }
        return m;
    }

    /** @return the challenger's confusion matrix on the paired images */
    public ConfusionMatrix challengerMatrix() {
        ConfusionMatrix m = new ConfusionMatrix();
        for (int t = 0; t < K; t++) {
            for (int a = 0; a < K; a++) {
                for (int b = 0; b < K; b++) {
                    m.add(t, b, counts[t][a][b]);
                }
            }
        }
        return m;
    }

    /** Adds up counts; not thread-safe. */
    public static final class Builder {

        private final long[][][] counts = new long[K][K][K];

        private Builder() {}

        /**
         * Adds {@code n} images of class {@code trueLabel} the champion predicted as {@code champion} and the
         * challenger as {@code challenger}.
         *
         * @throws IllegalArgumentException for a label outside 0..9 or a negative n
         */
        public Builder add(int trueLabel, int champion, int challenger, long n) {
            if (!FashionLabels.isValid(trueLabel)
                    || !FashionLabels.isValid(champion)
                    || !FashionLabels.isValid(challenger)) {
                throw new IllegalArgumentException(
                        "labels must be 0..9, were " + trueLabel + ", " + champion + ", " + challenger);
            }
            if (n < 0) {
                throw new IllegalArgumentException("a count must be >= 0, was " + n);
            }
            counts[trueLabel][champion][challenger] += n;
            return this;
        }

        /** @return the counts added so far */
        public PairedCounts build() {
            long[][][] copy = new long[K][K][];
            for (int t = 0; t < K; t++) {
                for (int a = 0; a < K; a++) {
                    copy[t][a] = counts[t][a].clone();
                }
            }
            return new PairedCounts(copy);
        }
    }
}
