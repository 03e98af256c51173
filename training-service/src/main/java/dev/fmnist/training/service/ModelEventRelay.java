package dev.fmnist.training.service;

import dev.fmnist.contracts.ModelEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the registry's outbox to {@code fmnist.models}: on a background thread, woken after every registry
 * commit and at least every poll interval, it takes the outbox rows in id order and publishes them one at a time,
 * deleting each row only after Kafka acknowledged it (at-least-once; a row acknowledged but not yet deleted is
 * published again, after the rows before it, so the newest event of a model is always the last one on its
 * partition). When Kafka or PostgreSQL is down it waits with exponential backoff and tries again, for ever; nothing
 * is dropped. One relay of all instances publishes at a time (a PostgreSQL advisory lock held for the batch).
 */
public final class ModelEventRelay {

    private static final Logger LOG = Logger.getLogger(ModelEventRelay.class);

    /** Where the relay publishes: returns once the broker acknowledged the event, throws when it did not. */
    @FunctionalInterface
    public interface Publisher {
        void publish(ModelEvent event);
    }

    private final Outbox outbox;
    private final Publisher publisher;
    private final Duration pollInterval;
    private final int batchSize;
    private final Backoff backoff;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile long published;
    private volatile long failures;

    /**
     * @param outbox       the outbox table
     * @param publisher    Kafka
     * @param pollInterval longest wait between two looks at the table when nobody wakes the relay
     * @param batchSize    rows taken per transaction
     * @param backoff      waits after failures
     */
    public ModelEventRelay(Outbox outbox, Publisher publisher, Duration pollInterval, int batchSize, Backoff backoff) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.batchSize = Math.max(1, batchSize);
        this.backoff = backoff;
    }

    /** Starts the background thread (idempotent). */
    public synchronized void start() {
        if (thread == null) {
            Thread t = new Thread(this::loop, "model-event-relay");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Stops the background thread; unpublished rows stay in the outbox for the next start. */
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether the background thread runs */
    public boolean running() {
        return thread != null;
    }

    /** Asks the relay to look at the outbox now (after a commit that appended events). */
    public void wake() {
        wakeUp.release();
    }

    /** @return events published since start */
    public long published() {
        return published;
    }

    /** @return failed attempts since start */
    public long failures() {
        return failures;
    }

    private void loop() {
        Thread self = Thread.currentThread();
        while (thread == self && !self.isInterrupted()) {
            Duration wait;
            try {
                Outcome outcome = relayOnce();
                if (outcome.failure() == null) {
                    backoff.succeeded();
                    wait = outcome.full() ? Duration.ZERO : pollInterval;
                } else {
                    wait = backoff.failed();
                    String message = "could not publish the registry's events to fmnist.models (attempt "
                            + backoff.failures() + "); retrying in " + wait + ": " + outcome.failure();
                    if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
                        LOG.warn(message);
                    } else {
                        LOG.debug(message);
                    }
                }
            } catch (RuntimeException e) {
                failures++;
                wait = backoff.failed();
                LOG.warnf("outbox relay: %s (attempt %d); retrying in %s", e.getMessage(), backoff.failures(), wait);
            }
            try {
                if (wait.isZero()) {
                    continue;
                }
                // a wake-up during a backoff wait does not shorten it: the dependency is still down
                if (backoff.failures() > 0) {
                    Thread.sleep(wait.toMillis());
                    wakeUp.drainPermits();
                } else if (wakeUp.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Publishes one batch of the outbox, in order, stopping at the first event Kafka did not acknowledge (it is
     * tried again first next time). The rows published are deleted in the same transaction that holds the relay
     * lock.
     *
     * @return what happened
     * @throws StoreException when PostgreSQL cannot be used
     */
    public Outcome relayOnce() {
        Outcome outcome = outbox.asRelay(() -> {
            List<Outbox.Entry> batch = outbox.pending(batchSize);
            int sent = 0;
            for (Outbox.Entry entry : batch) {
                try {
                    publisher.publish(entry.event());
                } catch (RuntimeException e) {
                    failures++;
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    outbox.failed(entry.id(), error);
                    return new Outcome(
                            sent,
                            false,
                            entry.event().modelId() + " " + entry.event().status() + ": " + error);
                }
                outbox.delete(entry.id());
                sent++;
                published++;
                LOG.debugf(
                        "published %s %s (outbox row %d)",
                        entry.event().modelId(), entry.event().status(), entry.id());
            }
            return new Outcome(sent, batch.size() == batchSize, null);
        });
        return outcome == null ? new Outcome(0, false, null) : outcome;
    }

    /**
     * @param published events published and removed from the outbox
     * @param full      whether the batch was full (more rows may be waiting)
     * @param failure   why the next event could not be published, null when none failed
     */
    public record Outcome(int published, boolean full, String failure) {}
}
