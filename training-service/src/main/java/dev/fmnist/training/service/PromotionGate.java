package dev.fmnist.training.service;

import java.util.Locale;

/**
 * Decides whether a newly registered model replaces the one in production: yes when there is none; otherwise only
 * when both were measured on the same test images and the new one's accuracy is higher by at least the margin.
 */
public final class PromotionGate {

    private final double margin;

    /** @param margin absolute accuracy the new model must gain, e.g. 0.005 */
    public PromotionGate(double margin) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin must be >= 0, was " + margin);
        }
        this.margin = margin;
    }

    /**
     * @param candidateAccuracy  the new model's test accuracy, null without a test split
     * @param productionExists   whether a model is in production
     * @param productionAccuracy the production model's accuracy on the same test images, null when unmeasured
     * @return the decision and its reason
     */
    public Decision decide(Double candidateAccuracy, boolean productionExists, Double productionAccuracy) {
        if (!productionExists) {
            return new Decision(true, "gate: no model in production");
        }
        if (candidateAccuracy == null) {
            return new Decision(false, "gate: no test split to compare with the production model");
        }
        if (productionAccuracy == null) {
            return new Decision(false, "gate: the production model could not be measured on the same test split");
        }
        boolean better = candidateAccuracy >= productionAccuracy + margin;
        return new Decision(
                better,
                String.format(
                        Locale.ROOT,
                        "gate: test accuracy %.4f vs production %.4f on the same split, margin %.4f: %s",
                        candidateAccuracy,
                        productionAccuracy,
                        margin,
                        better ? "promoted" : "kept out of production"));
    }

    /**
     * @param promote whether the new model goes to production
     * @param reason  why, for the status history
     */
    public record Decision(boolean promote, String reason) {}
}
