package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.Comparison;

/**
 * When a comparison decides: {@code INSUFFICIENT} below {@code minPaired} paired images; else {@code BETTER} when
 * McNemar's p is below {@code pValue} and the accuracy delta is at least {@code minGain}, {@code WORSE} when p is below
 * {@code pValue} and the delta is at most {@code -minGain}, {@code NO_DIFFERENCE} otherwise.
 *
 * @param pValue    significance level of McNemar's test ({@code fmnist.evaluation.promotion.p-value})
 * @param minPaired fewest paired images for a verdict ({@code .min-paired})
 * @param minGain   smallest accuracy delta, in either direction, that counts ({@code .min-gain})
 */
public record ComparisonRules(double pValue, long minPaired, double minGain) {

    public ComparisonRules {
        if (!(pValue > 0 && pValue < 1)) {
            throw new IllegalArgumentException("p-value must be in (0, 1), was " + pValue);
        }
        if (minPaired < 1) {
            throw new IllegalArgumentException("min-paired must be >= 1, was " + minPaired);
        }
        if (!(minGain >= 0 && minGain < 1)) {
            throw new IllegalArgumentException("min-gain must be in [0, 1), was " + minGain);
        }
    }

    /**
     * @param paired paired images
     * @param p      McNemar's two-sided p
     * @param delta  challenger minus champion accuracy on the paired images
     * @return the verdict ({@link Comparison#BETTER}, ...)
     */
    public String verdict(long paired, double p, double delta) {
        if (paired < minPaired) {
            return Comparison.INSUFFICIENT;
        }
        if (p < pValue && delta >= minGain) {
            return Comparison.BETTER;
        }
        if (p < pValue && delta <= -minGain) {
            return Comparison.WORSE;
        }
        return Comparison.NO_DIFFERENCE;
    }
}
