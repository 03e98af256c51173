package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.service.ProgressMeter;
import dev.fmnist.ingest.service.PublishException;
import dev.fmnist.ingest.service.RecordPublisher;
import dev.fmnist.kit.kafka.AckLatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a stream of records through the shared bulk producer and returns only when every one is acknowledged by
 * the broker ({@link AckLatch}), or throws on the first failure. Optionally paced to a rate.
 */
@ApplicationScoped
public class BulkPublisher implements RecordPublisher {

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

    @Override
    public long publish(Iterator<ProducerRecord<String, byte[]>> records, ProgressMeter progress, double rate) {
        Producer<String, byte[]> producer = clients.producer();
        AckLatch acks = new AckLatch(progress::update);
        long sent = 0;
        long start = System.nanoTime();
        while (records.hasNext() && acks.failure() == null) {
            if (rate > 0) {
                long wait = start + (long) (sent * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            producer.send(records.next(), acks.callback());
            sent++;
        }
        producer.flush();
        if (!acks.await(ackTimeout)) {
            clients.resetProducer();
            throw new PublishException(
                    "not all records were acknowledged within " + ackTimeout + " (" + acks.acknowledged() + " of "
                            + sent + ")",
                    null);
        }
        if (acks.failure() != null) {
            clients.resetProducer();
            throw new PublishException(
                    "publishing failed after " + acks.acknowledged() + " acknowledged records: "
                            + acks.failure().getMessage(),
                    acks.failure());
        }
        progress.finish(acks.acknowledged());
        return acks.acknowledged();
    }
}
