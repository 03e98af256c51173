package dev.fmnist.training.service;

import java.time.Duration;

/**
 * Exponential backoff without an end: {@code initial}, twice that, ... up to {@code max}, then {@code max} for ever.
 * The callers never give up on an outage; they only wait longer between attempts. Not thread-safe.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    /**
     * @param initial wait after the first failure (positive)
     * @param max     longest wait (at least {@code initial})
     */
    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** Records a failure. @return how long to wait before the next attempt */
    public Duration failed() {
        failures++;
        int doublings = Math.min(failures - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** Forgets the failures after a success. */
    public void succeeded() {
        failures = 0;
    }

    /** @return failures since the last success */
    public int failures() {
        return failures;
    }
}
