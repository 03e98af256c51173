package dev.fmnist.evaluation.service;

import java.time.Duration;
import java.time.Instant;

/**
 * When a model's unpublished changes become an Evaluation: after {@code everyPredictions} (N) new labelled
 * predictions, or {@code maxDelay} (T) after the first unpublished one, or once the stream has been quiet for
 * {@code quietAfter} — whichever comes first. Nothing is emitted for a model without unpublished changes.
 *
 * @param everyPredictions N, at least 1
 * @param maxDelay         T, positive
 * @param quietAfter       quiet period, positive
 */
public record EmissionPolicy(int everyPredictions, Duration maxDelay, Duration quietAfter) {

    public EmissionPolicy {
        if (everyPredictions < 1) {
            throw new IllegalArgumentException("everyPredictions must be at least 1, was " + everyPredictions);
        }
        if (maxDelay.isNegative() || maxDelay.isZero() || quietAfter.isNegative() || quietAfter.isZero()) {
            throw new IllegalArgumentException("maxDelay and quietAfter must be positive");
        }
    }

    /** Why a snapshot is emitted. */
    public enum Reason {
        /** N new labelled predictions are unpublished. */
        COUNT,
        /** The oldest unpublished change is T old. */
        MAX_DELAY,
        /** No new prediction for the quiet period. */
        QUIET
    }

    /**
     * @param unpublished     newly counted predictions since the last emission
     * @param firstUnpublished when the first of them was counted (null when none)
     * @param lastChange      when the latest of them was counted (null when none)
     * @param now             the current time
     * @return why the model is due now, or null when it is not
     */
    public Reason due(long unpublished, Instant firstUnpublished, Instant lastChange, Instant now) {
        if (unpublished <= 0) {
            return null;
        }
        if (unpublished >= everyPredictions) {
            return Reason.COUNT;
        }
        if (!now.isBefore(firstUnpublished.plus(maxDelay))) {
            return Reason.MAX_DELAY;
        }
        if (!now.isBefore(lastChange.plus(quietAfter))) {
            return Reason.QUIET;
        }
        return null;
    }
}
