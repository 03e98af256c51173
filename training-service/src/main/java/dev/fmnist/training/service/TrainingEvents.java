package dev.fmnist.training.service;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;

/** What the service publishes to Kafka; implemented by the messaging adapter. */
public interface TrainingEvents {

    /** A job's progress on {@code fmnist.training.progress} (fire and forget). */
    void progress(TrainingProgress progress);

    /**
     * A registry change on {@code fmnist.models}; returns once the broker has it, throws when it does not. Only the
     * outbox relay calls it: the registry writes its events to the outbox.
     */
    void model(ModelEvent event);

    /** A refused record on {@code fmnist.rejected}. */
    void rejected(Rejection rejection);

    /** A job submitted over HTTP, to {@code fmnist.training.jobs}; returns once the broker has it. */
    void submit(TrainingJob job);
}
