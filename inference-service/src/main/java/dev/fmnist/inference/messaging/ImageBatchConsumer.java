package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.service.BatchOutcome;
import dev.fmnist.inference.service.BatchPredictor;
import dev.fmnist.inference.service.InferenceMetrics;
import dev.fmnist.inference.service.InputRecord;
import dev.fmnist.kit.OutageGate;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Consumes {@code fmnist.images.input} in batches and answers every record with a Prediction on
 * {@code fmnist.predictions} (key = image id) or a Rejection on {@code fmnist.rejected}.
 *
 * <p>Delivery: the batch is acknowledged (so the throttled commit strategy may commit past it) only once Kafka has
 * acknowledged every Prediction and Rejection it produced. While Kafka does not acknowledge them (an outage), the
 * batch's output is sent again with backoff ({@link OutageGate}, readiness DOWN meanwhile) and nothing after it is
 * committed; a record the forward pass fails on by itself is refused (see {@link BatchPredictor}). Batches are handled one
 * at a time on one worker thread, in order; while the next batch is predicted, up to
 * {@code fmnist.inference.max-batches-in-flight} − 1 earlier ones may still wait for their acknowledgements.
 *
 * <p>No model: a batch waits (asynchronously, unacknowledged) until a production model serves, then it is predicted.
 * Meanwhile no further batch is requested, so the connector pauses the partitions once its small buffer is full;
 * nothing is committed past the waiting records and nothing is dropped.
 *
 * <p>Model swap: a batch takes the serving model once, before its forward pass, and all its predictions carry that
 * model; the next batch takes whatever serves then.
 */
@ApplicationScoped
public class ImageBatchConsumer {

    private static final Logger LOG = Logger.getLogger(ImageBatchConsumer.class);

    private final ServingModelHolder models;
    private final BatchPredictor predictor;
    private final InferenceMetrics metrics;
    private final PredictionPublisher predictions;
    private final RejectionPublisher rejections;
    private final OutageGate gate;
    private final int maxBatchesInFlight;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inference-batches");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<CompletableFuture<Void>> unacknowledged = new ArrayDeque<>();
    private final AtomicBoolean waitingLogged = new AtomicBoolean();

    public ImageBatchConsumer(
            ServingModelHolder models,
            BatchPredictor predictor,
            InferenceMetrics metrics,
            PredictionPublisher predictions,
            RejectionPublisher rejections,
            OutageGate gate,
            InferenceConfig config) {
        this.gate = gate;
        this.models = models;
        this.predictor = predictor;
        this.metrics = metrics;
        this.predictions = predictions;
        this.rejections = rejections;
        this.maxBatchesInFlight = Math.max(1, config.maxBatchesInFlight());
    }

    /**
     * @param batch records of one poll; acknowledged (or nacked) here, once its output is acknowledged
     * @return completes when the next batch may be handled
     */
    @Incoming(Channels.IMAGES)
    public Uni<Void> consume(Message<ConsumerRecords<String, byte[]>> batch) {
        List<InputRecord> inputs = new ArrayList<>(batch.getPayload().count());
        for (ConsumerRecord<String, byte[]> record : batch.getPayload()) {
            inputs.add(new InputRecord(
                    record.topic(),
                    record.key(),
                    record.value(),
                    record.timestamp() <= 0 ? Instant.now() : Instant.ofEpochMilli(record.timestamp())));
        }
        if (models.current().isEmpty() && waitingLogged.compareAndSet(false, true)) {
            LOG.infof("No production model serves yet: %d input records wait (uncommitted) for one", inputs.size());
        }
        return Uni.createFrom()
                .completionStage(models::awaitServing)
                .emitOn(worker)
                .onItem()
                .transformToUni(model -> {
                    waitingLogged.set(false);
                    return predictAndPublish(batch, inputs, model);
                });
    }

    private Uni<Void> predictAndPublish(
            Message<ConsumerRecords<String, byte[]>> batch, List<InputRecord> inputs, ServingModel model) {
        BatchOutcome outcome = predictor.predict(inputs, model);
        metrics.kafkaBatch(outcome);
        CompletableFuture<Void> done = gate.async("publish predictions", () -> publish(outcome))
                .subscribeAsCompletionStage()
                .thenCompose(ignored -> batch.ack())
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.errorf(
                                failure,
                                "The output of a batch of %d records failed for a reason that is not an "
                                        + "outage; the batch is nacked (logged and skipped)",
                                inputs.size());
                        batch.nack(failure);
                    }
                })
                .toCompletableFuture();
        return admit(done);
    }

    private CompletableFuture<Void> publish(BatchOutcome outcome) {
        List<CompletableFuture<Void>> sends =
                new ArrayList<>(outcome.rejections().size() + 1);
        sends.add(predictions.publish(outcome.predictions()));
        for (Rejection rejection : outcome.rejections()) {
            sends.add(rejections.publish(rejection));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /** Lets the next batch start now, or once enough earlier batches have been acknowledged. */
    private Uni<Void> admit(CompletableFuture<Void> done) {
        CompletableFuture<Void> oldest;
        synchronized (unacknowledged) {
            unacknowledged.removeIf(CompletableFuture::isDone);
            unacknowledged.addLast(done);
            if (unacknowledged.size() < maxBatchesInFlight) {
                return Uni.createFrom().voidItem();
            }
            oldest = unacknowledged.peekFirst();
        }
        return Uni.createFrom().completionStage(oldest);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
