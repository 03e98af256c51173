package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.service.ProgressMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a stream of records through the shared bulk producer and returns only when every one is acknowledged by
 * the broker (or throws on the first failure). Optionally paced to a rate.
 */
@ApplicationScoped
public class BulkPublisher {

    private final KafkaClients clients;
    private final Duration ackTimeout;

    @Inject
    public BulkPublisher(KafkaClients clients, IngestConfig config) {
        this(clients, config.producer().ackTimeout());
    }

    /**
     * @param clients    where the producer comes from
     * @param ackTimeout how long to wait for the last acknowledgements
     */
    public BulkPublisher(KafkaClients clients, Duration ackTimeout) {
        this.clients = clients;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Waits until the producer sees a leader for every partition of {@code topic}. Sending into a topic created a
     * moment ago can otherwise meet a broker that has not taken leadership yet; the retried first batch may then
     * arrive after later ones, which an idempotent producer cannot recover from.
     *
     * @param topic   a topic that exists
     * @param timeout how long to wait
     * @throws PublishException when leaders do not appear in time
     */
    public void awaitLeaders(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PartitionInfo> partitions = clients.producer().partitionsFor(topic);
            if (!partitions.isEmpty()
                    && partitions.stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PublishException("no leader for every partition of " + topic + " within " + timeout, null);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /**
     * @param records  the records, in sending order
     * @param progress logs acknowledged counts
     * @param rate     records per second, or 0 for as fast as possible
     * @return the number of records sent and acknowledged
     * @throws PublishException when a send fails or is not acknowledged in time
     */
    public long publish(Iterator<ProducerRecord<String, byte[]>> records, ProgressMeter progress, double rate) {
        Producer<String, byte[]> producer = clients.producer();
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long start = System.nanoTime();
        PendingAcks pending = new PendingAcks();
        while (records.hasNext()) {
            if (failure.get() != null) {
                break;
            }
            if (rate > 0) {
                long due = start + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            ProducerRecord<String, byte[]> record = records.next();
            pending.add();
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                } else {
                    progress.update(acked.incrementAndGet());
                }
                pending.done();
            });
            sent++;
        }
        producer.flush();
        if (!pending.await(ackTimeout)) {
            clients.resetProducer();
            throw new PublishException(
                    "not all records were acknowledged within " + ackTimeout + " (" + acked.get() + " of " + sent + ")",
                    null);
        }
        if (failure.get() != null) {
            clients.resetProducer();
            throw new PublishException(
                    "publishing failed after " + acked.get() + " acknowledged records: "
                            + failure.get().getMessage(),
                    failure.get());
        }
        progress.finish(acked.get());
        return acked.get();
    }

    /** Counts sends whose callback has not run yet. */
    private static final class PendingAcks {
        private final AtomicLong outstanding = new AtomicLong();
        private volatile CountDownLatch zero;

        void add() {
            outstanding.incrementAndGet();
        }

        void done() {
            if (outstanding.decrementAndGet() == 0) {
                CountDownLatch latch = zero;
                if (latch != null) {
                    latch.countDown();
                }
            }
        }

        boolean await(Duration timeout) {
            zero = new CountDownLatch(1);
            if (outstanding.get() == 0) {
                return true;
            }
            try {
                return zero.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || outstanding.get() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
