package dev.fmnist.contracts.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;

/**
 * One entry of a model's status history.
 *
 * @param status         new status
 * @param previousStatus status before, null when registered
 * @param reason         why (gate decision, manual promotion, rollback, shadow)
 * @param changedAt      when
 * @param changedBy      who asked for it: the principal name of the operator's token; null (left out of the JSON)
 *                       for changes the service made itself (registration, the promotion gate) and for changes made
 *                       before it was recorded
 */
public record StatusChange(
        ModelStatus status,
        ModelStatus previousStatus,
        String reason,
        Instant changedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String changedBy) {

    /** A change without a recorded principal. */
    public StatusChange(ModelStatus status, ModelStatus previousStatus, String reason, Instant changedAt) {
        this(status, previousStatus, reason, changedAt, null);
    }
}
