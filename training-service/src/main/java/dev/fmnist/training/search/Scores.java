package dev.fmnist.training.search;

import dev.fmnist.contracts.SearchSpec;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Fold scores, their mean ± sample standard deviation, and the best trial. */
public final class Scores {

    private Scores() {}

    /** A trial's summary: its number and its fold scores' mean and sd. */
    public record Summary(int trial, double mean, Double sd) {}

    /**
     * @param matrix the held-out fold's confusion matrix
     * @param metric {@code accuracy} or {@code macroF1}
     * @return the metric's value
     */
    public static double metric(ConfusionMatrix matrix, String metric) {
        return switch (metric) {
            case SearchSpec.ACCURACY -> matrix.accuracy();
            case SearchSpec.MACRO_F1 -> matrix.macroF1();
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    /** @return the mean of {@code scores} (not empty) */
    public static double mean(List<Double> scores) {
        return scores.stream().mapToDouble(Double::doubleValue).sum() / scores.size();
    }

    /** @return the sample standard deviation (n−1) of {@code scores}, null with fewer than two */
    public static Double sd(List<Double> scores) {
        if (scores.size() < 2) {
            return null;
        }
        double mean = mean(scores);
        double squares =
                scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum();
        return Math.sqrt(squares / (scores.size() - 1));
    }

    /**
     * The best trial: highest mean; ties → lower sd (none counts as 0), then lower trial number.
     *
     * @return the best of {@code trials}, empty when there are none
     */
    public static Optional<Summary> best(List<Summary> trials) {
        return trials.stream()
                .min(Comparator.comparingDouble((Summary s) -> -s.mean())
                        .thenComparingDouble(s -> s.sd() == null ? 0 : s.sd())
                        .thenComparingInt(Summary::trial));
    }

    /** @return e.g. {@code 0.8412 ± 0.0100} ({@code ± –} without an sd) */
    public static String format(double mean, Double sd) {
        return String.format(
                java.util.Locale.ROOT,
                "%.4f ± %s",
                mean,
                sd == null ? "–" : String.format(java.util.Locale.ROOT, "%.4f", sd));
    }
}
