package dev.fmnist.cli.client;

import dev.fmnist.contracts.Comparison;

import java.time.Instant;

/**
 * One element of evaluation-service's {@code GET /api/comparisons}: the latest comparison of a model in shadow (the
 * challenger) with the production model, on the labelled images both predicted.
 *
 * @param modelId      the model in shadow
 * @param modelVersion its version number
 * @param comparison   the paired figures and the verdict
 * @param timestamp    when the evaluation carrying it was emitted
 */
public record ShadowComparison(String modelId, Integer modelVersion, Comparison comparison, Instant timestamp) {}
