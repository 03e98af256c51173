package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;

import java.time.Instant;
import java.util.List;

/**
 * The durable state of one model, as restored on start.
 *
 * @param modelId       model version
 * @param modelVersion  its version number
 * @param counts        cumulative confusion counts, {@code [true][predicted]}
 * @param firstAt       earliest prediction timestamp counted
 * @param lastAt        latest prediction timestamp counted
 * @param recent        the most recently counted predictions, oldest first (at most W)
 * @param lastPublished the last Evaluation stored for it, or null
 */
public record ModelState(
        String modelId,
        int modelVersion,
        long[][] counts,
        Instant firstAt,
        Instant lastAt,
        List<LabelledPrediction> recent,
        Evaluation lastPublished) {}
