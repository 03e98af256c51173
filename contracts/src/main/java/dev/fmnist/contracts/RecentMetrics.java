package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Figures over the last {@code capacity} labelled predictions of a model (a sliding window), carried in
 * {@link Evaluation#recent()} next to the cumulative figures.
 *
 * @param capacity        window size W
 * @param count           labelled predictions in the window (at most W)
 * @param accuracy        trace / count over the window
 * @param macroF1         mean F1 over the ten classes, over the window
 * @param confusionMatrix [true][predicted] counts over the window
 * @param window          time span of the window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecentMetrics(
        int capacity, long count, double accuracy, double macroF1, long[][] confusionMatrix, TimeWindow window) {}
