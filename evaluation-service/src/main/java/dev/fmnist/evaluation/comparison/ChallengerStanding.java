package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.Comparison;

import java.time.Instant;

/**
 * The latest comparison of a model in shadow, as {@code GET /api/comparisons} serves it.
 *
 * @param modelId      the challenger
 * @param modelVersion its version number
 * @param comparison   its comparison with the production model
 * @param timestamp    the time of the Evaluation that carried it
 */
public record ChallengerStanding(String modelId, int modelVersion, Comparison comparison, Instant timestamp) {}
