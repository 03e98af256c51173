package dev.fmnist.training.messaging;

import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.training.service.JobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code fmnist.training.jobs}: each record is queued or refused (to {@code fmnist.rejected}); the offset is
 * committed after the job row is stored.
 */
@ApplicationScoped
public class TrainingJobConsumer {

    private final RecordDecoder decoder = new RecordDecoder(JobService.SERVICE);
    private final JobService service;

    public TrainingJobConsumer(JobService service) {
        this.service = service;
    }

    @Incoming(Channels.JOBS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Decoded<TrainingJob> decoded = decoder.decode(record.topic(), record.key(), record.value(), TrainingJob.class);
        if (decoded.isAccepted()) {
            service.accept(record.key(), decoded.value(), record.value());
        } else {
            service.refuse(record.key(), decoded.rejection().reason(), record.value());
        }
    }
}
