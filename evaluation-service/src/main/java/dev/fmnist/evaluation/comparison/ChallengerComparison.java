package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

/** Computes a {@link Comparison} of a challenger with its champion from their paired counts. */
public final class ChallengerComparison {

    private ChallengerComparison() {}

    /**
     * @param championId      the production model
     * @param championVersion its version number
     * @param counts          the labelled images both predicted
     * @param rules           when the comparison decides
     * @return the comparison: counts, both accuracies, the delta with its 95 % interval, McNemar's exact p, F1 deltas
     *     (challenger minus champion) and the verdict
     */
    public static Comparison of(String championId, int championVersion, PairedCounts counts, ComparisonRules rules) {
        long n = counts.paired();
        long both = counts.bothCorrect();
        long b = counts.championOnly();
        long c = counts.challengerOnly();
        long neither = n - both - b - c;
        ConfusionMatrix champion = counts.championMatrix();
        ConfusionMatrix challenger = counts.challengerMatrix();
        double[] f1Delta = new double[FashionLabels.COUNT];
        for (int k = 0; k < FashionLabels.COUNT; k++) {
            f1Delta[k] = challenger.f1(k) - champion.f1(k);
        }
        PairedInterval interval = PairedInterval.of(b, c, n, PairedInterval.Z_95);
        double p = McNemar.exactP(b, c);
        return new Comparison(
                championId,
                championVersion,
                n,
                both,
                b,
                c,
                neither,
                champion.accuracy(),
                challenger.accuracy(),
                interval.delta(),
                interval.low(),
                interval.high(),
                PairedInterval.CONFIDENCE_95,
                p,
                f1Delta,
                challenger.macroF1() - champion.macroF1(),
                rules.verdict(n, p, interval.delta()));
    }
}
