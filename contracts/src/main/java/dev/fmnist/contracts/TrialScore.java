package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A finished trial of a search, in the {@code trial} field of a {@link TrainingProgress} of the search's job.
 *
 * @param trial      the configuration's number, from 1
 * @param config     the grid values of this configuration
 * @param foldScores the metric on each held-out fold, in fold order (a failed fold has none)
 * @param mean       mean of the fold scores, null when a fold failed
 * @param sd         sample standard deviation (n−1) of the fold scores, null with fewer than two
 * @param metric     {@code accuracy} or {@code macroF1}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrialScore(
        int trial, Map<String, Object> config, List<Double> foldScores, Double mean, Double sd, String metric) {}
