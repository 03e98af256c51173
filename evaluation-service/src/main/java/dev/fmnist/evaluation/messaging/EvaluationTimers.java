package dev.fmnist.evaluation.messaging;

import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.persistence.SnapshotRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Timers. Checks a few times a second whether a model's snapshot fell due because T passed since its first unpublished
 * change or because its stream went quiet (the count trigger, N, is checked by the consumer after every batch), and
 * prunes the snapshot history every five minutes.
 */
@ApplicationScoped
public class EvaluationTimers {

    private final EvaluationPublisher publisher;
    private final SnapshotRepository snapshots;
    private final EvaluationConfig config;

    public EvaluationTimers(EvaluationPublisher publisher, SnapshotRepository snapshots, EvaluationConfig config) {
        this.publisher = publisher;
        this.snapshots = snapshots;
        this.config = config;
    }

    /**
     * Emits what fell due; the period is {@code fmnist.evaluation.emit.tick} (default 0.25 s); idle until started.
     */
    @Scheduled(identity = "evaluation-emission", every = "${fmnist.evaluation.emit.tick:0.25s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        publisher.publishDue();
    }

    /** Keeps the snapshot history bounded ({@code fmnist.evaluation.history.keep-per-model}). */
    @Scheduled(identity = "evaluation-history-pruning", every = "5m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        int deleted = snapshots.prune(config.history().keepPerModel());
        if (deleted > 0) {
            Log.infof("Deleted %d snapshot(s) beyond the newest %d per model", deleted, config.history().keepPerModel());
        }
    }
}
