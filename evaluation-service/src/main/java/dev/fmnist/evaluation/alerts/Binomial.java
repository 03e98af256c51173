package dev.fmnist.evaluation.alerts;

/** The exact binomial distribution's lower tail, summed in log space so that n in the millions stays exact enough. */
public final class Binomial {

    private Binomial() {}

    /**
     * P(X ≤ k) for X ~ Binomial(n, p): the one-sided p-value of seeing at most {@code k} successes in {@code n} trials
     * when each succeeds with probability {@code p}.
     *
     * @param k successes observed, 0..n (below 0 gives 0, n or more gives 1)
     * @param n trials, at least 0
     * @param p success probability of one trial, 0..1
     * @return the lower tail probability, 0..1
     */
    public static double lowerTail(long k, long n, double p) {
        if (n < 0 || p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("need n >= 0 and 0 <= p <= 1, had n=" + n + ", p=" + p);
        }
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        if (p == 0) {
            return 1;
        }
        if (p == 1) {
            return 0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        // log C(n, i) built up term by term; the terms are summed relative to the largest one (log-sum-exp)
        double[] logTerms = new double[(int) k + 1];
        double logChoose = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log((double) (n - i + 1)) - Math.log(i);
            }
            logTerms[i] = logChoose + i * logP + (n - i) * logQ;
            max = Math.max(max, logTerms[i]);
        }
        double sum = 0;
        for (double logTerm : logTerms) {
            sum += Math.exp(logTerm - max);
        }
        return Math.min(1, Math.exp(max + Math.log(sum)));
    }
}
