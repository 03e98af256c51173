package dev.fmnist.training.messaging;

import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.kit.Isolation;
import dev.fmnist.kit.OutageGate;
import dev.fmnist.training.service.JobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code fmnist.training.jobs}: each record is queued or refused (to {@code fmnist.rejected}); the offset is
 * committed after the job row is stored. A PostgreSQL or Kafka outage waits ({@link OutageGate}, readiness DOWN); a
 * record that cannot be queued for a reason of its own is refused ({@code processing-failed}) and the next is read.
 */
@ApplicationScoped
public class TrainingJobConsumer {

    private final RecordDecoder decoder = new RecordDecoder(JobService.SERVICE);
    private static final Logger LOG = Logger.getLogger(TrainingJobConsumer.class);

    private final JobService service;
    private final OutageGate gate;

    public TrainingJobConsumer(JobService service, OutageGate gate) {
        this.service = service;
        this.gate = gate;
    }

    @Incoming(Channels.JOBS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Decoded<TrainingJob> decoded = decoder.decode(record.topic(), record.key(), record.value(), TrainingJob.class);
        try {
            if (decoded.isAccepted()) {
                gate.call("queue a training job", () -> service.accept(record.key(), decoded.value(), record.value()));
            } else {
                gate.call(
                        "refuse a training job",
                        () -> service.refuse(record.key(), decoded.rejection().reason(), record.value()));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not queue the job record %s; it is refused", record.key());
            gate.call("refuse a training job", () -> service.refuse(record.key(), Isolation.reason(e), record.value()));
        }
    }
}
