package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.TimeWindow;

import java.util.Map;

/**
 * What one check found of one model: the decision and the figures that made it.
 *
 * @param type         the alert type ({@code Alert.QUALITY_DROP}, ...)
 * @param modelId      the model concerned
 * @param modelVersion its version, when known
 * @param decision     raise, clear or hold
 * @param reason       the figures that decided it, for people
 * @param figures      the same by name
 * @param window       the span the figures cover
 */
public record Finding(
        String type,
        String modelId,
        Integer modelVersion,
        Decision decision,
        String reason,
        Map<String, Double> figures,
        TimeWindow window) {}
