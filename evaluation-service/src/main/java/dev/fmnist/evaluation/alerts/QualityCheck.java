package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.RecentMetrics;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code QUALITY_DROP}: compares an emitted Evaluation's recent window with the model's earlier predictions, the
 * reference (the cumulative counts minus the window's, so the window is not compared with itself).
 *
 * <ul>
 *   <li>Nothing is decided unless both the window and the reference hold at least {@code minSupport} images.
 *   <li>Accuracy: with k correct of the window's n and the reference's accuracy p0, the one-sided exact binomial test
 *       P(X ≤ k | n, p0) must be below {@code alpha}, and the drop p0 − k/n above {@code margin}.
 *   <li>Macro-F1 has no exact test of its own: a drop of macro-F1 above {@code margin} raises only together with the
 *       same accuracy test below {@code alpha} (a macro-F1 drop without any significant loss of accuracy is a shift
 *       between classes the window is too small to tell from chance).
 *   <li>It clears once both drops are below {@code margin / 2}; in between, the alert stays as it is.
 * </ul>
 */
public final class QualityCheck {

    private static final Logger LOG = Logger.getLogger(QualityCheck.class);

    private final AlertRaiser raiser;
    private final int minSupport;
    private final double alpha;
    private final double margin;

    /**
     * @param raiser     where findings go (null: {@link #assess} only)
     * @param minSupport least images of both the window and the reference
     * @param alpha      significance level of the binomial test
     * @param margin     least drop of accuracy or macro-F1 that raises
     */
    public QualityCheck(AlertRaiser raiser, int minSupport, double alpha, double margin) {
        this.raiser = raiser;
        this.minSupport = minSupport;
        this.alpha = alpha;
        this.margin = margin;
    }

    /**
     * Checks an emitted evaluation and raises or clears its model's QUALITY_DROP. A failure of its own is logged: an
     * alert never holds up the evaluations.
     */
    public void check(Evaluation evaluation) {
        try {
            assess(evaluation).ifPresent(raiser::apply);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not check the quality of %s", evaluation.modelId());
        }
    }

    /** @return the finding on {@code evaluation}, empty without a window or enough support */
    public Optional<Finding> assess(Evaluation evaluation) {
        RecentMetrics recent = evaluation.recent();
        if (recent == null || recent.confusionMatrix() == null || evaluation.confusionMatrix() == null) {
            return Optional.empty();
        }
        ConfusionMatrix window = ConfusionMatrix.of(recent.confusionMatrix());
        ConfusionMatrix reference = ConfusionMatrix.of(evaluation.confusionMatrix());
        long[][] cells = recent.confusionMatrix();
        for (int t = 0; t < cells.length; t++) {
            for (int p = 0; p < cells[t].length; p++) {
                reference.add(t, p, -cells[t][p]);
            }
        }
        long n = window.total();
        long k = window.correct();
        long referenceCount = reference.total();
        if (n < minSupport || referenceCount < minSupport) {
            return Optional.empty();
        }
        double referenceAccuracy = reference.accuracy();
        double windowAccuracy = window.accuracy();
        double accuracyDrop = referenceAccuracy - windowAccuracy;
        double referenceF1 = reference.macroF1();
        double windowF1 = window.macroF1();
        double f1Drop = referenceF1 - windowF1;
        double p = Binomial.lowerTail(k, n, referenceAccuracy);
        boolean significant = p < alpha;
        Decision decision;
        if (significant && (accuracyDrop > margin || f1Drop > margin)) {
            decision = Decision.RAISE;
        } else if (accuracyDrop < margin / 2 && f1Drop < margin / 2) {
            decision = Decision.CLEAR;
        } else {
            decision = Decision.HOLD;
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("windowAccuracy", windowAccuracy);
        figures.put("referenceAccuracy", referenceAccuracy);
        figures.put("accuracyDrop", accuracyDrop);
        figures.put("windowMacroF1", windowF1);
        figures.put("referenceMacroF1", referenceF1);
        figures.put("macroF1Drop", f1Drop);
        figures.put("pValue", p);
        figures.put("windowCount", (double) n);
        figures.put("referenceCount", (double) referenceCount);
        figures.put("alpha", alpha);
        figures.put("margin", margin);
        String reason = String.format(
                Locale.ROOT,
                "recent accuracy %.4f (%d of %d) vs %.4f before (%d images): drop %.4f, binomial P(X <= %d) = %.3g"
                        + " (alpha %s); macro-F1 %.4f vs %.4f: drop %.4f (margin %s)",
                windowAccuracy,
                k,
                n,
                referenceAccuracy,
                referenceCount,
                accuracyDrop,
                k,
                p,
                alpha,
                windowF1,
                referenceF1,
                f1Drop,
                margin);
        return Optional.of(new Finding(
                Alert.QUALITY_DROP,
                evaluation.modelId(),
                evaluation.modelVersion(),
                decision,
                reason,
                figures,
                recent.window()));
    }
}
