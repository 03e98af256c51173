package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.evaluation.persistence.SnapshotRepository;
import dev.fmnist.evaluation.rest.EvaluationStream;
import dev.fmnist.evaluation.service.EvaluationBook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Clock;
import java.util.List;

/**
 * Emits the snapshots that fell due: each is stored in the history, sent to {@code fmnist.evaluations} with the model
 * id as key, and pushed to the server-sent-event stream. Taking due snapshots and publishing them is one critical
 * section, so a model's snapshots go out in order.
 */
@Singleton
public class EvaluationPublisher {

    private final EvaluationBook book;
    private final SnapshotRepository snapshots;
    private final MutinyEmitter<Evaluation> emitter;
    private final EvaluationStream stream;
    private final Clock clock;
    private final Counter emitted;

    public EvaluationPublisher(EvaluationBook book, SnapshotRepository snapshots,
                               @Channel(Channels.EVALUATIONS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                               MutinyEmitter<Evaluation> emitter,
                               EvaluationStream stream, Clock clock, MeterRegistry registry) {
        this.book = book;
        this.snapshots = snapshots;
        this.emitter = emitter;
        this.stream = stream;
        this.clock = clock;
        this.emitted = Counter.builder("fmnist.evaluation.snapshots.emitted")
                .description("Evaluation snapshots emitted on fmnist.evaluations").register(registry);
    }

    /** Emits every snapshot the emission policy says is due now. */
    public synchronized void publishDue() {
        List<Evaluation> due = book.takeDue(clock.instant());
        for (Evaluation evaluation : due) {
            snapshots.save(evaluation);
            emitter.sendMessageAndForget(Message.of(evaluation).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(evaluation.modelId()).build()));
            stream.push(evaluation);
            emitted.increment();
            Log.debugf("Emitted the evaluation of %s: %d images, accuracy %.4f", evaluation.modelId(),
                    evaluation.count(), evaluation.accuracy());
        }
    }
}
