package dev.fmnist.training.messaging;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.kit.Keyed;
import dev.fmnist.kit.OutageGate;
import dev.fmnist.kit.RejectionSender;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.service.TrainingEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Duration;
import java.util.List;

/**
 * Publishes the service's messages, keyed as the contract says. Model events come only from the registry's outbox
 * relay ({@link dev.fmnist.training.service.ModelEventRelay}), which calls {@link #model} once per outbox row.
 */
@ApplicationScoped
public class KafkaTrainingEvents implements TrainingEvents {

    private final MutinyEmitter<TrainingProgress> progress;
    private final MutinyEmitter<ModelEvent> models;
    private final RejectionSender rejected;
    private final MutinyEmitter<TrainingJob> jobs;
    private final Duration modelPublishTimeout;

    public KafkaTrainingEvents(
            @Channel(Channels.PROGRESS_OUT) MutinyEmitter<TrainingProgress> progress,
            @Channel(Channels.MODELS_OUT) MutinyEmitter<ModelEvent> models,
            @Channel(Channels.REJECTED_OUT) MutinyEmitter<Rejection> rejected,
            @Channel(Channels.JOBS_OUT) MutinyEmitter<TrainingJob> jobs,
            TrainingConfig config,
            OutageGate gate) {
        this.progress = progress;
        this.models = models;
        this.rejected = new RejectionSender(rejected, gate, Duration.ofSeconds(30));
        this.jobs = jobs;
        this.modelPublishTimeout = config.outbox().publishTimeout();
    }

    @Override
    public void progress(TrainingProgress update) {
        progress.sendMessageAndForget(Keyed.message(update.jobId(), update));
    }

    @Override
    public void model(ModelEvent event) {
        models.sendMessage(Keyed.message(event.modelId(), event)).await().atMost(modelPublishTimeout);
    }

    @Override
    public void rejected(Rejection rejection) {
        rejected.sendAll(List.of(rejection));
    }

    @Override
    public void submit(TrainingJob job) {
        jobs.sendMessageAndAwait(Keyed.message(job.jobId(), job));
    }
}
