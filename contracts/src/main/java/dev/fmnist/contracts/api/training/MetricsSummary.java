package dev.fmnist.contracts.api.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

import java.util.List;

/**
 * A model's figures on one labelled split, as the registry keeps them.
 *
 * @param count           images evaluated
 * @param accuracy        trace / count
 * @param macroF1         mean F1 over the ten classes
 * @param weightedF1      F1 weighted by support
 * @param perClass        precision, recall, F1 and support per class
 * @param confusionMatrix {@code [true][predicted]}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsSummary(
        long count,
        double accuracy,
        double macroF1,
        double weightedF1,
        List<ClassMetrics> perClass,
        long[][] confusionMatrix) {

    /** @return the summary of {@code matrix}, null for null */
    public static MetricsSummary of(ConfusionMatrix matrix) {
        return matrix == null
                ? null
                : new MetricsSummary(
                        matrix.total(),
                        matrix.accuracy(),
                        matrix.macroF1(),
                        matrix.weightedF1(),
                        matrix.perClass(),
                        matrix.toArray());
    }
}
