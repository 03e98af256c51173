package dev.fmnist.training.messaging;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.kit.Isolation;
import dev.fmnist.kit.OutageGate;
import dev.fmnist.training.service.DatasetStore;
import dev.fmnist.training.service.JobService;
import dev.fmnist.training.service.TrainingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code fmnist.datasets} and keeps every announced dataset, so jobs can name one. A PostgreSQL or Kafka outage
 * waits ({@link OutageGate}); an announcement that cannot be stored for a reason of its own is refused.
 */
@ApplicationScoped
public class DatasetConsumer {

    private static final Logger LOG = Logger.getLogger(DatasetConsumer.class);

    private final RecordDecoder decoder = new RecordDecoder(JobService.SERVICE);
    private final DatasetStore datasets;
    private final TrainingEvents events;
    private final OutageGate gate;

    public DatasetConsumer(DatasetStore datasets, TrainingEvents events, OutageGate gate) {
        this.datasets = datasets;
        this.events = events;
        this.gate = gate;
    }

    @Incoming(Channels.DATASETS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Decoded<DatasetReady> decoded =
                decoder.decode(record.topic(), record.key(), record.value(), DatasetReady.class);
        if (decoded.isAccepted()) {
            try {
                gate.run("store a dataset announcement", () -> datasets.save(decoded.value()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not store the announcement of dataset %s; it is refused", record.key());
                gate.run(
                        "publish a rejection",
                        () -> events.rejected(Rejection.of(
                                record.topic(),
                                record.key(),
                                Isolation.reason(e),
                                record.value(),
                                JobService.SERVICE)));
                return;
            }
            LOG.infof(
                    "dataset %s (%s) known: %s",
                    decoded.value().datasetId(),
                    decoded.value().name(),
                    decoded.value().splits().stream()
                            .map(s -> s.split() + "=" + s.count())
                            .toList());
        } else {
            gate.run("publish a rejection", () -> events.rejected(decoded.rejection()));
        }
    }
}
