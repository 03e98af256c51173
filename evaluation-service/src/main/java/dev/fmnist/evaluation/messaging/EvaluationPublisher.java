package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.evaluation.alerts.QualityCheck;
import dev.fmnist.evaluation.comparison.Comparisons;
import dev.fmnist.evaluation.leadership.Leadership;
import dev.fmnist.evaluation.persistence.SnapshotRepository;
import dev.fmnist.evaluation.rest.EvaluationStream;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.kit.Keyed;
import dev.fmnist.kit.OutageGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the snapshots that fell due: each is first stored in the history, then sent to {@code fmnist.evaluations}
 * with the model id as key and acknowledged by the broker, then pushed to the server-sent-event stream. An outage of
 * PostgreSQL or Kafka waits ({@link OutageGate}) and the same snapshot is stored or sent again, so none is lost.
 * Taking due snapshots and publishing them is one critical section, so a model's snapshots go out in order.
 * Of several replicas only the emitter ({@link Leadership}) publishes, after bringing its book up to date with what
 * the others counted; the others return at once.
 */
@Singleton
public class EvaluationPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final EvaluationBook book;
    private final OutageGate gate;
    private final SnapshotRepository snapshots;
    private final MutinyEmitter<Evaluation> emitter;
    private final EvaluationStream stream;
    private final Clock clock;
    private final Counter emitted;
    private final Comparisons comparisons;
    private final QualityCheck quality;
    private final Leadership leadership;

    public EvaluationPublisher(
            EvaluationBook book,
            OutageGate gate,
            SnapshotRepository snapshots,
            @Channel(Channels.EVALUATIONS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<Evaluation> emitter,
            EvaluationStream stream,
            Clock clock,
            MeterRegistry registry,
            Comparisons comparisons,
            QualityCheck quality,
            Leadership leadership) {
        this.quality = quality;
        this.book = book;
        this.gate = gate;
        this.snapshots = snapshots;
        this.emitter = emitter;
        this.stream = stream;
        this.clock = clock;
        this.emitted = Counter.builder("fmnist.evaluation.snapshots.emitted")
                .description("Evaluation snapshots emitted on fmnist.evaluations")
                .register(registry);
        this.comparisons = comparisons;
        this.leadership = leadership;
    }

    /** Emits every snapshot the emission policy says is due now. */
    public synchronized void publishDue() {
        if (!leadership.isLeader()) {
            return;
        }
        gate.run("bring the evaluation book up to date", leadership::syncBook);
        List<Evaluation> due = book.takeDue(clock.instant());
        List<Evaluation> sent = new ArrayList<>(due.size());
        for (Evaluation taken : due) {
            Evaluation evaluation = comparisons.attach(taken); // a model in shadow: its comparison with production
            gate.run("store an evaluation snapshot", () -> snapshots.save(evaluation));
            gate.run(
                    "emit an evaluation",
                    () -> emitter.sendMessage(Keyed.message(evaluation.modelId(), evaluation))
                            .await()
                            .atMost(SEND_TIMEOUT));
            book.emitted(evaluation);
            sent.add(evaluation);
            stream.push(evaluation);
            emitted.increment();
            quality.check(evaluation);
            Log.debugf(
                    "Emitted the evaluation of %s: %d images, accuracy %.4f",
                    evaluation.modelId(), evaluation.count(), evaluation.accuracy());
        }
        // production counted more: the shadows' comparisons may have more paired images now
        book.touch(comparisons.toRefresh(sent), clock.instant());
    }
}
