package dev.fmnist.evaluation.messaging;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a few times a second whether a model's snapshot fell due because T passed since its first unpublished
 * change or because its stream went quiet; the count trigger (N) is checked by the consumer after every batch.
 */
@ApplicationScoped
public class EmissionTimer {

    private final EvaluationPublisher publisher;

    public EmissionTimer(EvaluationPublisher publisher) {
        this.publisher = publisher;
    }

    /** Emits what fell due; the period is {@code evaluation.emit.tick} (default 0.25 s); idle until started. */
    @Scheduled(identity = "evaluation-emission", every = "${evaluation.emit.tick:0.25s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        publisher.publishDue();
    }
}
