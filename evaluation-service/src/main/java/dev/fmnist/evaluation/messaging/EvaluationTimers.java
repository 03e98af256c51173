package dev.fmnist.evaluation.messaging;

import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.leadership.Leadership;
import dev.fmnist.evaluation.persistence.SnapshotRepository;
import dev.fmnist.evaluation.rest.EvaluationStream;
import dev.fmnist.evaluation.service.CountStore;
import dev.fmnist.evaluation.service.ImageArchive;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Timers. Checks a few times a second whether a model's snapshot fell due because T passed since its first unpublished
 * change or because its stream went quiet (the count trigger, N, is checked by the consumer after every batch), and
 * prunes the snapshot history every five minutes. Of several replicas: tries every few seconds to become the emitter
 * (the emitter checks it still is), and a replica that does not emit follows what the others counted and published.
 */
@ApplicationScoped
public class EvaluationTimers {

    private final EvaluationPublisher publisher;
    private final SnapshotRepository snapshots;
    private final CountStore counts;
    private final EvaluationConfig config;
    private final ImageArchive images;
    private final Leadership leadership;
    private final EvaluationStream stream;

    public EvaluationTimers(
            EvaluationPublisher publisher,
            SnapshotRepository snapshots,
            CountStore counts,
            EvaluationConfig config,
            ImageArchive images,
            Leadership leadership,
            EvaluationStream stream) {
        this.publisher = publisher;
        this.snapshots = snapshots;
        this.counts = counts;
        this.config = config;
        this.images = images;
        this.leadership = leadership;
        this.stream = stream;
    }

    /**
     * Tries to take the emitter's advisory lock; the emitter checks it still holds it. The period is
     * {@code fmnist.evaluation.leadership.retry} (default 2 s).
     */
    @Scheduled(
            identity = "evaluation-leadership",
            every = "${fmnist.evaluation.leadership.retry:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void contend() {
        leadership.contend();
    }

    /**
     * A replica that does not emit brings its book up to date with what the others counted and published, and pushes
     * each newly published snapshot to its own event stream; the period is
     * {@code fmnist.evaluation.leadership.follow-interval} (default 1 s). An outage skips a round.
     */
    @Scheduled(
            identity = "evaluation-follow",
            every = "${fmnist.evaluation.leadership.follow-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void follow() {
        if (leadership.isLeader()) {
            return;
        }
        try {
            leadership.follow().forEach(stream::push);
        } catch (RuntimeException e) {
            Log.debugf("Following the emitter skipped this round: %s", e.getMessage());
        }
    }

    /**
     * Emits what fell due; the period is {@code fmnist.evaluation.emit.tick} (default 0.25 s); idle until started.
     */
    @Scheduled(
            identity = "evaluation-emission",
            every = "${fmnist.evaluation.emit.tick:0.25s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        publisher.publishDue();
    }

    /**
     * Keeps the snapshot history ({@code fmnist.evaluation.history.keep-per-model}) and the deduplication record
     * ({@code fmnist.evaluation.dedup.keep-per-model}, at least the window) and the input images
     * ({@code fmnist.evaluation.samples.keep-images}) bounded. An outage skips a round.
     */
    @Scheduled(
            identity = "evaluation-history-pruning",
            every = "5m",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        try {
            int deleted = snapshots.prune(config.history().keepPerModel());
            if (deleted > 0) {
                Log.infof(
                        "Deleted %d snapshot(s) beyond the newest %d per model",
                        deleted, config.history().keepPerModel());
            }
            int keep = Math.max(config.dedup().keepPerModel(), config.window().size());
            int pairs = counts.prune(keep);
            if (pairs > 0) {
                Log.infof("Deleted %d counted (model, image) pair(s) beyond the newest %d per model", pairs, keep);
            }
            int pruned = images.prune();
            if (pruned > 0) {
                Log.infof("Deleted %d input image(s) beyond the newest %d", pruned, images.keep());
            }
        } catch (RuntimeException e) {
            Log.warnf("Pruning skipped this round: %s", e.getMessage());
        }
    }
}
