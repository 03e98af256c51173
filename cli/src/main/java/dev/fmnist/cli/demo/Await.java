package dev.fmnist.cli.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it yields a value or a deadline passes: the one wait loop of the demo and the commands.
 *
 * <pre>{@code
 * Serving serving = Await.until(Duration.ofMinutes(3), () -> inference.serving(), () -> "nothing serves");
 * }</pre>
 */
public final class Await {

    /** Pause between two checks that do not block themselves. */
    public static final Duration POLL = Duration.ofMillis(500);

    private Await() {}

    /**
     * @param pause   pause between checks ({@link Duration#ZERO} when the check blocks itself, e.g. a topic poll)
     * @param check   the condition: a value when met
     * @return the first value, or empty when the time ran out
     * @throws IllegalStateException when interrupted
     */
    public static <T> Optional<T> poll(Duration timeout, Duration pause, Supplier<Optional<T>> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = check.get();
            if (value.isPresent() || System.nanoTime() > deadline) {
                return value;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * @param check   the condition, checked every {@link #POLL}
     * @param failure what the error says when the time runs out
     * @return the first value
     * @throws IllegalStateException when the time runs out, with {@code failure}'s message
     */
    public static <T> T until(Duration timeout, Supplier<Optional<T>> check, Supplier<String> failure) {
        return poll(timeout, POLL, check).orElseThrow(() -> new IllegalStateException(failure.get()));
    }

    /**
     * @param condition the condition, checked every {@link #POLL}
     * @param failure   what the error says when the time runs out
     * @throws IllegalStateException when the time runs out
     */
    public static void untilTrue(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        until(timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.<Boolean>empty(), failure);
    }
}
