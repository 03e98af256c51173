package dev.fmnist.kit;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs work that needs a dependency and waits out the dependency's outages: a call that fails with an outage
 * ({@link Outages#isOutage}) is tried again with exponential backoff (Mutiny's retry) until it succeeds, for as long
 * as it takes. Meanwhile the operation is listed as paused, which turns readiness DOWN ({@link OutageReadiness});
 * liveness is untouched. Any other failure is the work's own and propagates at once.
 *
 * <p>A consumer calls it on its worker thread, so consumption pauses while the call waits (SmallRye's Kafka
 * connector pauses the partitions once its small buffer is full and keeps the group membership); nothing after the
 * failed record is processed or committed before it, so nothing is lost or skipped.
 */
@Singleton
public class OutageGate {

    private static final Logger LOG = Logger.getLogger(OutageGate.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<String, Paused> paused = new ConcurrentHashMap<>();

    @Inject
    public OutageGate(OutageConfig config) {
        this(config.initialBackoff(), config.maxBackoff());
    }

    /**
     * @param initialBackoff wait after the first failed try
     * @param maxBackoff     longest wait between tries
     */
    public OutageGate(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * @param operation what the call does, e.g. {@code "count predictions"}; names the pause in logs and readiness
     * @param call      the work; it must be safe to run again after an outage (idempotent, or transactional)
     * @return the call's result, once it succeeded
     * @throws RuntimeException the call's own failure (not an outage), unwrapped from Mutiny's wrapper
     */
    public <T> T call(String operation, Callable<T> call) {
        AtomicInteger attempt = new AtomicInteger();
        try {
            T result = Uni.createFrom()
                    .item(() -> {
                        attempt.incrementAndGet();
                        try {
                            return call.call();
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    })
                    .onFailure(Outages::isOutage)
                    .invoke(failure -> pause(operation, failure, attempt.get()))
                    .onFailure(Outages::isOutage)
                    .retry()
                    .withBackOff(initialBackoff, maxBackoff)
                    .withJitter(0.2)
                    .indefinitely()
                    .await()
                    .indefinitely();
            resume(operation);
            return result;
        } catch (CompletionException e) {
            resume(operation);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } catch (RuntimeException e) {
            resume(operation);
            throw e;
        }
    }

    /** @see #call(String, Callable) */
    public void run(String operation, Runnable work) {
        call(operation, () -> {
            work.run();
            return null;
        });
    }

    /**
     * The asynchronous form of {@link #call}: the stage is created again for each try.
     *
     * @param operation what the work does; names the pause in logs and readiness
     * @param call      starts the work; it must be safe to start again after an outage
     * @return the work's result once a try succeeded, or its own (non-outage) failure
     */
    public <T> Uni<T> async(String operation, Supplier<? extends CompletionStage<T>> call) {
        AtomicInteger attempt = new AtomicInteger();
        return Uni.createFrom()
                .completionStage(() -> {
                    attempt.incrementAndGet();
                    return call.get();
                })
                .onFailure(Outages::isOutage)
                .invoke(failure -> pause(operation, failure, attempt.get()))
                .onFailure(Outages::isOutage)
                .retry()
                .withBackOff(initialBackoff, maxBackoff)
                .withJitter(0.2)
                .indefinitely()
                .onTermination()
                .invoke(() -> resume(operation));
    }

    /** @return the operations paused by an outage now, oldest first */
    public List<Paused> paused() {
        return paused.values().stream()
                .sorted((a, b) -> a.since().compareTo(b.since()))
                .toList();
    }

    private void pause(String operation, Throwable failure, int attempt) {
        Paused previous = paused.get(operation);
        Paused now = new Paused(
                operation,
                Outages.dependencyOf(failure),
                previous == null ? Instant.now() : previous.since(),
                attempt,
                describe(failure));
        paused.put(operation, now);
        if (previous == null) {
            LOG.warnf(
                    "%s is unavailable: '%s' pauses and is retried with backoff until it answers (%s)",
                    now.dependency(), operation, now.lastError());
        } else if (Integer.bitCount(attempt) == 1) {
            LOG.warnf(
                    "'%s' still waits for %s (try %d, since %s): %s",
                    operation, now.dependency(), attempt, now.since(), now.lastError());
        }
    }

    private void resume(String operation) {
        Paused was = paused.remove(operation);
        if (was != null) {
            LOG.infof(
                    "'%s' resumed after %d s and %d tries: %s is back",
                    operation,
                    Duration.between(was.since(), Instant.now()).toSeconds(),
                    was.attempts(),
                    was.dependency());
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage();
        String rootMessage =
                root == failure ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return failure.getClass().getSimpleName() + ": " + message + rootMessage;
    }

    /**
     * An operation waiting for a dependency.
     *
     * @param operation  what waits
     * @param dependency what it waits for
     * @param since      when the first try failed
     * @param attempts   tries so far
     * @param lastError  the last failure
     */
    public record Paused(String operation, String dependency, Instant since, int attempts, String lastError) {}
}
