package dev.fmnist.evaluation.comparison;

/**
 * The normal-approximation confidence interval of a paired accuracy difference {@code d = (c - b) / n}: its variance
 * is {@code ((b + c) / n - d²) / n}, and the interval is {@code d ± z·se}.
 *
 * @param delta (c - b) / n
 * @param low   delta - z·se
 * @param high  delta + z·se
 */
public record PairedInterval(double delta, double low, double high) {

    /** z of a two-sided 95 % interval. */
    public static final double Z_95 = 1.959964;

    /** The confidence level of {@link #Z_95}. */
    public static final double CONFIDENCE_95 = 0.95;

    /**
     * @param b championOnly: pairs only the first model got right
     * @param c challengerOnly: pairs only the second model got right
     * @param n paired images
     * @param z the normal quantile ({@link #Z_95})
     * @return the interval; with no paired image, delta 0 within [-1, 1] (nothing is known)
     */
    public static PairedInterval of(long b, long c, long n, double z) {
        if (n <= 0) {
            return new PairedInterval(0, -1, 1);
        }
        double d = (double) (c - b) / n;
        double variance = Math.max(0, ((double) (b + c) / n - d * d) / n);
        double se = Math.sqrt(variance);
        return new PairedInterval(d, d - z * se, d + z * se);
    }
}
