package dev.fmnist.training.messaging;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.training.persistence.DatasetRepository;
import dev.fmnist.training.service.JobService;
import dev.fmnist.training.service.TrainingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Reads {@code fmnist.datasets} and keeps every announced dataset, so jobs can name one. */
@ApplicationScoped
public class DatasetConsumer {

    private static final Logger LOG = Logger.getLogger(DatasetConsumer.class);

    private final RecordDecoder decoder = new RecordDecoder(JobService.SERVICE);
    private final DatasetRepository datasets;
    private final TrainingEvents events;

    public DatasetConsumer(DatasetRepository datasets, TrainingEvents events) {
        this.datasets = datasets;
        this.events = events;
    }

    @Incoming(Channels.DATASETS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Decoded<DatasetReady> decoded = decoder.decode(record.topic(), record.key(), record.value(),
                DatasetReady.class);
        if (decoded.isAccepted()) {
            datasets.save(decoded.value());
            LOG.infof("dataset %s (%s) known: %s", decoded.value().datasetId(), decoded.value().name(),
                    decoded.value().splits().stream().map(s -> s.split() + "=" + s.count()).toList());
        } else {
            events.rejected(decoded.rejection());
        }
    }
}
