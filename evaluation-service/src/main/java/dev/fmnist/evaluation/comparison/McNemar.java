package dev.fmnist.evaluation.comparison;

/**
 * McNemar's exact test on the discordant pairs of a paired comparison: under the null hypothesis (both models equally
 * good) each of the {@code b + c} discordant images is won by either model with probability 1/2, so the smaller count
 * is {@code Binomial(b + c, 1/2)}. Computed in log space, so {@code b + c} may be in the millions.
 */
public final class McNemar {

    private static final double LN_2 = Math.log(2);

    private McNemar() {}

    /**
     * @param b discordant pairs the first model won (only it was right)
     * @param c discordant pairs the second model won
     * @return the two-sided p-value {@code min(1, 2 P(X <= min(b, c)))}, {@code X ~ Binomial(b + c, 1/2)}; 1 when
     *     {@code b + c = 0}
     * @throws IllegalArgumentException for a negative count
     */
    public static double exactP(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, were " + b + " and " + c);
        }
        long m = b + c;
        long k = Math.min(b, c);
        if (m == 0 || 2 * k >= m) {
            return 1.0;
        }
        // log P(X = i) for i = 0..k, by the ratio P(i + 1) / P(i) = (m - i) / (i + 1); for k < m / 2 the terms grow
        // with i, so the last is the largest and the sum is taken relative to it (log-sum-exp)
        double[] logTerms = new double[(int) k + 1];
        double log = -m * LN_2;
        for (int i = 0; i <= k; i++) {
            logTerms[i] = log;
            log += Math.log(m - i) - Math.log(i + 1.0);
        }
        double max = logTerms[(int) k];
        double sum = 0;
        for (double term : logTerms) {
            sum += Math.exp(term - max);
        }
        double logP = LN_2 + max + Math.log(sum);
        return Math.min(1.0, Math.exp(logP));
    }
}
