package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * Cumulative quality of one model, on {@code fmnist.evaluations} (key = model id).
 *
 * @param modelId         model version evaluated
 * @param modelVersion    its version number
 * @param count           distinct labelled images counted
 * @param accuracy        trace / count
 * @param macroF1         mean F1 over all ten classes
 * @param weightedF1      F1 weighted by support (extension)
 * @param classes         the ten class names
 * @param confusionMatrix [true][predicted] counts
 * @param perClass        precision, recall, F1 and support per class
 * @param window          span of prediction timestamps counted
 * @param timestamp       when this snapshot was made
 * @param recent          the same figures over the last W labelled predictions (extension), or null
 * @param comparison      for a model in shadow, its paired comparison with the production model (extension), else
 *                        null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Evaluation(
        String modelId,
        int modelVersion,
        long count,
        double accuracy,
        double macroF1,
        Double weightedF1,
        List<String> classes,
        long[][] confusionMatrix,
        List<ClassMetrics> perClass,
        TimeWindow window,
        Instant timestamp,
        RecentMetrics recent,
        Comparison comparison) {

    /** An evaluation without a comparison. */
    public Evaluation(
            String modelId,
            int modelVersion,
            long count,
            double accuracy,
            double macroF1,
            Double weightedF1,
            List<String> classes,
            long[][] confusionMatrix,
            List<ClassMetrics> perClass,
            TimeWindow window,
            Instant timestamp,
            RecentMetrics recent) {
        this(
                modelId,
                modelVersion,
                count,
                accuracy,
                macroF1,
                weightedF1,
                classes,
                confusionMatrix,
                perClass,
                window,
                timestamp,
                recent,
                null);
    }

    /** @return this evaluation with {@code comparison} */
    public Evaluation withComparison(Comparison comparison) {
        return new Evaluation(
                modelId,
                modelVersion,
                count,
                accuracy,
                macroF1,
                weightedF1,
                classes,
                confusionMatrix,
                perClass,
                window,
                timestamp,
                recent,
                comparison);
    }
}
