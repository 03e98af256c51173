package dev.fmnist.kit.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Completes when every send handed to it is acknowledged: give {@link #callback()} to each
 * {@code producer.send(record, callback)}, then {@link #await} once (blocking) or {@link #seal()} (a future). The first failure is kept and reported.
 * Safe for callbacks on the producer's I/O thread.
 */
public final class AckLatch {

    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final LongConsumer onAcknowledged;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean sealed;

    /** @param onAcknowledged told the running count after every acknowledgement (progress), may be null */
    public AckLatch(LongConsumer onAcknowledged) {
        this.onAcknowledged = onAcknowledged;
    }

    /** A latch without progress reporting. */
    public AckLatch() {
        this(null);
    }

    /** @return a callback for one send; counts it as outstanding until it runs */
    public Callback callback() {
        outstanding.incrementAndGet();
        return this::completed;
    }

    private void completed(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        } else {
            long count = acknowledged.incrementAndGet();
            if (onAcknowledged != null) {
                onAcknowledged.accept(count);
            }
        }
        if (outstanding.decrementAndGet() == 0) {
            lock.lock();
            try {
                drained.signalAll();
            } finally {
                lock.unlock();
            }
            if (sealed) {
                completeIfDrained();
            }
        }
    }

    /**
     * For senders that must not block: call once every send has its callback.
     *
     * @return completes when every send has completed, normally when all were acknowledged, exceptionally with the
     *     first failure otherwise
     */
    public CompletableFuture<Void> seal() {
        sealed = true;
        completeIfDrained();
        return done;
    }

    private void completeIfDrained() {
        if (outstanding.get() == 0) {
            Exception first = failure.get();
            if (first == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(first);
            }
        }
    }

    /** @return the first failed send's exception, or null */
    public Exception failure() {
        return failure.get();
    }

    /** @return sends acknowledged so far */
    public long acknowledged() {
        return acknowledged.get();
    }

    /**
     * @param timeout how long to wait for the outstanding sends
     * @return whether every send has completed (acknowledged or failed) in time
     */
    public boolean await(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (outstanding.get() > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = drained.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outstanding.get() == 0;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #await} may be skipped: nothing outstanding */
    public boolean idle() {
        return outstanding.get() == 0;
    }
}
