package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code search} of a {@link TrainingJob} of kind {@code search}: a grid (or a seeded random sample of it) over
 * the job's hyper-parameters, each configuration scored by stratified k-fold cross-validation on the training split.
 *
 * @param grid   configuration name → the values to try; {@code architecture}, {@code epochs}, {@code batchSize} and
 *               {@code learningRate} replace those fields of the job, any other name is an architecture parameter
 * @param folds  k of the k-fold cross-validation, {@value #MIN_FOLDS}..{@value #MAX_FOLDS} (default
 *               {@value #DEFAULT_FOLDS})
 * @param trials null = the full grid; n = a seeded random sample of n distinct grid points
 * @param metric {@code accuracy} (default) or {@code macroF1}, measured on each held-out fold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchSpec(Map<String, List<Object>> grid, Integer folds, Integer trials, String metric) {

    /** Fewest folds. */
    public static final int MIN_FOLDS = 2;
    /** Most folds. */
    public static final int MAX_FOLDS = 10;
    /** Folds when none are given. */
    public static final int DEFAULT_FOLDS = 3;
    /** Most names in a grid. */
    public static final int MAX_KEYS = 20;
    /** Most values per name. */
    public static final int MAX_VALUES = 50;
    /** Most configurations of the full grid. */
    public static final int MAX_CONFIGURATIONS = 200;
    /** Metric name: share of correctly classified held-out images. */
    public static final String ACCURACY = "accuracy";
    /** Metric name: mean of the per-class F1 scores on the held-out images. */
    public static final String MACRO_F1 = "macroF1";
    /** The metrics a search can rank by. */
    public static final Set<String> METRICS = Set.of(ACCURACY, MACRO_F1);

    /** @return the folds, the default when absent */
    public int foldCount() {
        return folds == null ? DEFAULT_FOLDS : folds;
    }

    /** @return the metric, the default when absent */
    public String metricName() {
        return metric == null ? ACCURACY : metric;
    }

    /** @return the number of configurations of the full grid (the product of the value counts), capped */
    public long gridSize() {
        long size = 1;
        for (List<Object> values : grid.values()) {
            size = Math.min(Long.MAX_VALUE / 64, size * (values == null ? 0 : values.size()));
        }
        return size;
    }

    /** @return the first broken rule, or null */
    public String problem() {
        if (grid == null || grid.isEmpty()) {
            return "search.grid must name 1.." + MAX_KEYS + " parameters, each with a non-empty array of values";
        }
        if (grid.size() > MAX_KEYS) {
            return "search.grid names " + grid.size() + " parameters, the limit is " + MAX_KEYS;
        }
        for (Map.Entry<String, List<Object>> entry : grid.entrySet()) {
            String name = entry.getKey();
            String identifier = Identifiers.problem("search.grid key", name);
            if (identifier != null) {
                return identifier;
            }
            List<Object> values = entry.getValue();
            if (values == null || values.isEmpty()) {
                return "search.grid." + name + " must be a non-empty array of values";
            }
            if (values.size() > MAX_VALUES) {
                return "search.grid." + name + " has " + values.size() + " values, the limit is " + MAX_VALUES;
            }
            if (values.stream().anyMatch(v -> v == null)) {
                return "search.grid." + name + " holds null";
            }
            if (values.stream().distinct().count() != values.size()) {
                return "search.grid." + name + " holds a value twice";
            }
        }
        long size = gridSize();
        if (size > MAX_CONFIGURATIONS) {
            return "search.grid has " + size + " configurations, the limit is " + MAX_CONFIGURATIONS;
        }
        if (folds != null && (folds < MIN_FOLDS || folds > MAX_FOLDS)) {
            return "search.folds must be " + MIN_FOLDS + ".." + MAX_FOLDS + ", was " + folds;
        }
        if (trials != null && (trials < 1 || trials > size)) {
            return "search.trials must be 1.." + size + " (the grid's size), was " + trials;
        }
        if (metric != null && !METRICS.contains(metric)) {
            return "search.metric must be accuracy or macroF1, was '" + metric + "'";
        }
        return null;
    }
}
