package dev.fmnist.contracts.api.training;

import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;

/**
 * One entry of a model's status history.
 *
 * @param status         new status
 * @param previousStatus status before, null when registered
 * @param reason         why (gate decision, manual promotion, rollback)
 * @param changedAt      when
 */
public record StatusChange(ModelStatus status, ModelStatus previousStatus, String reason, Instant changedAt) {}
