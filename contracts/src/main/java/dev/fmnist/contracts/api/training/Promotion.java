package dev.fmnist.contracts.api.training;

import dev.fmnist.contracts.ModelStatus;

/**
 * The promotion gate's decision for the model a job registered.
 *
 * @param status the status the gate gave the model: {@code PRODUCTION}, or {@code REGISTERED} when kept out
 * @param reason the gate's reason, e.g. {@code gate: no model in production}
 */
public record Promotion(ModelStatus status, String reason) {}
