package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.evaluation.rest.ProgressStream;
import dev.fmnist.evaluation.service.PredictionIntake;
import dev.fmnist.evaluation.service.ProgressIntake;
import dev.fmnist.evaluation.service.ProgressLog;
import dev.fmnist.kit.Isolation;
import dev.fmnist.kit.OutageGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;

/**
 * Follows {@code fmnist.training.progress} from its beginning: each valid TrainingProgress is stored once (a
 * redelivered record is recognised and skipped) and pushed to the progress stream; a refused record goes to
 * {@code fmnist.rejected} and consumption goes on. Returning acknowledges the record, after it is stored; a PostgreSQL
 * outage waits ({@link OutageGate}) until it is.
 */
@ApplicationScoped
public class ProgressConsumer {

    private final ProgressIntake intake;
    private final ProgressLog log;
    private final OutageGate gate;
    private final RejectionPublisher rejected;
    private final ProgressStream stream;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter refused;

    public ProgressConsumer(
            ProgressIntake intake,
            ProgressLog log,
            OutageGate gate,
            RejectionPublisher rejected,
            ProgressStream stream,
            MeterRegistry registry) {
        this.intake = intake;
        this.log = log;
        this.gate = gate;
        this.rejected = rejected;
        this.stream = stream;
        this.stored = counter(registry, "stored", "Training progress records stored");
        this.duplicates = counter(registry, "duplicate", "Training progress records delivered again, not stored");
        this.refused = counter(registry, "rejected", "Training progress records refused to fmnist.rejected");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("fmnist.evaluation.progress")
                .tag("outcome", outcome)
                .description(description)
                .register(registry);
    }

    /** Stores one progress record. */
    @Incoming(Channels.PROGRESS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Decoded<TrainingProgress> decoded = intake.decode(record.topic(), record.key(), record.value());
        if (!decoded.isAccepted()) {
            refuse(decoded.rejection());
            return;
        }
        TrainingProgress progress = decoded.value();
        boolean isNew;
        try {
            isNew = gate.call(
                    "store training progress", () -> log.record(progress, Instant.ofEpochMilli(record.timestamp())));
        } catch (RuntimeException e) {
            Log.errorf(e, "Could not store a progress record of job %s; it is refused", progress.jobId());
            refuse(Rejection.of(
                    record.topic(), record.key(), Isolation.reason(e), record.value(), PredictionIntake.SERVICE));
            return;
        }
        if (isNew) {
            stored.increment();
            stream.push(progress);
        } else {
            duplicates.increment();
            Log.debugf("Ignored a progress record of job %s stored before", progress.jobId());
        }
    }

    private void refuse(Rejection rejection) {
        rejected.send(List.of(rejection));
        refused.increment();
    }
}
