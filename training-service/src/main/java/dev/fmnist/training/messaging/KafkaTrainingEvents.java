package dev.fmnist.training.messaging;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.training.service.TrainingEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes the service's messages, keyed as the contract says. */
@ApplicationScoped
public class KafkaTrainingEvents implements TrainingEvents {

    private final MutinyEmitter<TrainingProgress> progress;
    private final MutinyEmitter<ModelEvent> models;
    private final MutinyEmitter<Rejection> rejected;
    private final MutinyEmitter<TrainingJob> jobs;

    public KafkaTrainingEvents(@Channel(Channels.PROGRESS_OUT) MutinyEmitter<TrainingProgress> progress,
                               @Channel(Channels.MODELS_OUT) MutinyEmitter<ModelEvent> models,
                               @Channel(Channels.REJECTED_OUT) MutinyEmitter<Rejection> rejected,
                               @Channel(Channels.JOBS_OUT) MutinyEmitter<TrainingJob> jobs) {
        this.progress = progress;
        this.models = models;
        this.rejected = rejected;
        this.jobs = jobs;
    }

    @Override
    public void progress(TrainingProgress update) {
        progress.sendMessageAndForget(keyed(update.jobId(), update));
    }

    @Override
    public void model(ModelEvent event) {
        models.sendMessageAndAwait(keyed(event.modelId(), event));
    }

    @Override
    public void rejected(Rejection rejection) {
        rejected.sendMessageAndAwait(keyed(rejection.key(), rejection));
    }

    @Override
    public void submit(TrainingJob job) {
        jobs.sendMessageAndAwait(keyed(job.jobId(), job));
    }

    private static <T> Message<T> keyed(String key, T payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
