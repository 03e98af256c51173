package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.model.ShadowModels;
import dev.fmnist.inference.service.BatchOutcome;
import dev.fmnist.inference.service.BatchPredictor;
import dev.fmnist.inference.service.InferenceMetrics;
import dev.fmnist.inference.service.InputRecord;
import dev.fmnist.inference.service.ShadowResult;
import dev.fmnist.kit.OutageGate;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Consumes {@code fmnist.images.input} in batches and answers every record with a Prediction on
 * {@code fmnist.predictions} (key = image id, role {@code production}) or a Rejection on {@code fmnist.rejected};
 * each model in shadow then predicts the same accepted images, on {@code fmnist.predictions.shadow}.
 *
 * <p>Delivery: the batch is acknowledged (so the throttled commit strategy may commit past it) only once Kafka has
 * acknowledged every Prediction (production and shadow) and Rejection it produced, and after the batch before it.
 * While Kafka does not acknowledge them (an outage), the batch's output is sent again with backoff
 * ({@link OutageGate}, readiness DOWN meanwhile) and nothing after it is committed; a record the forward pass fails
 * on by itself is refused (see {@link BatchPredictor}). A model in shadow that fails on a batch, or whose predictions
 * Kafka refuses for a reason that is not an outage, loses only its predictions of that batch (logged, counted); the
 * production predictions are never held back or sent again because of it. Batches are handled one at a time on one
 * worker thread, in order; while the next batch is predicted, up to {@code fmnist.inference.max-batches-in-flight}
 * − 1 earlier ones may still wait for their acknowledgements.
 *
 * <p>Partitions: a batch claims its records from the {@link PartitionLedger} when its forward pass starts, so records
 * of a partition revoked meanwhile are left to its next owner, and a revocation waits for the claimed batches and
 * commits them ({@link ImagesRebalanceListener}). A graceful stop claims nothing more and waits for what is claimed;
 * the connector then commits it before it closes the consumer.
 *
 * <p>No model: a batch waits (asynchronously, unacknowledged) until a production model serves, then it is predicted.
 * Meanwhile no further batch is requested, so the connector pauses the partitions once its small buffer is full;
 * nothing is committed past the waiting records and nothing is dropped.
 *
 * <p>Model swap: a batch takes the serving model and the models in shadow once, before its forward pass, and all its
 * predictions carry those models; the next batch takes whatever serves then.
 */
@ApplicationScoped
public class ImageBatchConsumer {

    private static final Logger LOG = Logger.getLogger(ImageBatchConsumer.class);

    private final ServingModelHolder models;
    private final ShadowModels shadows;
    private final BatchPredictor predictor;
    private final InferenceMetrics metrics;
    private final PredictionPublisher predictions;
    private final RejectionPublisher rejections;
    private final OutageGate gate;
    private final PartitionLedger ledger;
    private final Duration drainTimeout;
    private final int maxBatchesInFlight;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inference-batches");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<CompletableFuture<Void>> unacknowledged = new ArrayDeque<>();
    private final AtomicBoolean waitingLogged = new AtomicBoolean();
    /** The previous batch's acknowledgement, settled (never failed); only the worker thread touches it. */
    private CompletableFuture<Void> previousSettled = CompletableFuture.completedFuture(null);

    public ImageBatchConsumer(
            ServingModelHolder models,
            ShadowModels shadows,
            BatchPredictor predictor,
            InferenceMetrics metrics,
            PredictionPublisher predictions,
            RejectionPublisher rejections,
            OutageGate gate,
            @Identifier(ImagesRebalanceListener.NAME) ImagesRebalanceListener partitions,
            InferenceConfig config) {
        this.gate = gate;
        this.models = models;
        this.shadows = shadows;
        this.predictor = predictor;
        this.metrics = metrics;
        this.predictions = predictions;
        this.rejections = rejections;
        this.ledger = partitions.ledger();
        this.drainTimeout = partitions.timeout();
        this.maxBatchesInFlight = Math.max(1, config.maxBatchesInFlight());
    }

    /**
     * @param batch records of one poll; acknowledged (or nacked) here, once its output is acknowledged
     * @return completes when the next batch may be handled
     */
    @Incoming(Channels.IMAGES)
    public Uni<Void> consume(Message<ConsumerRecords<String, byte[]>> batch) {
        if (models.current().isEmpty() && waitingLogged.compareAndSet(false, true)) {
            LOG.infof(
                    "No production model serves yet: %d input records wait (uncommitted) for one",
                    batch.getPayload().count());
        }
        return Uni.createFrom()
                .completionStage(models::awaitServing)
                .emitOn(worker)
                .onItem()
                .transformToUni(model -> {
                    waitingLogged.set(false);
                    return predictAndPublish(batch, model);
                });
    }

    private Uni<Void> predictAndPublish(Message<ConsumerRecords<String, byte[]>> batch, ServingModel model) {
        Optional<PartitionLedger.Claim> claimed = ledger.claim(batch.getPayload());
        if (claimed.isEmpty()) {
            LOG.debugf(
                    "Stopping: a batch of %d records is left to the next owner",
                    batch.getPayload().count());
            return Uni.createFrom().voidItem();
        }
        PartitionLedger.Claim claim = claimed.get();
        if (claim.skipped() > 0) {
            LOG.debugf(
                    "%d records of a batch belong to revoked partitions or were already predicted here; skipped",
                    claim.skipped());
        }
        List<InputRecord> inputs = inputs(claim.records());
        BatchOutcome outcome =
                inputs.isEmpty() ? new BatchOutcome(List.of(), List.of(), 0) : predictor.predict(inputs, model);
        if (!inputs.isEmpty()) {
            metrics.kafkaBatch(outcome);
        }
        CompletableFuture<Void> production =
                gate.async("publish predictions", () -> publish(outcome)).subscribeAsCompletionStage();
        List<ShadowResult> scored = predictor.shadow(outcome, shadows.current());
        CompletableFuture<Void> output = CompletableFuture.allOf(production, publishShadows(scored));
        CompletableFuture<Void> previous = previousSettled;
        CompletableFuture<Void> done = output.handle((ignored, failure) -> failure)
                .thenCompose(failure -> previous.thenCompose(ignored -> settle(batch, claim, failure, inputs.size())))
                .whenComplete((ignored, failure) -> ledger.done(claim));
        previousSettled = done.handle((ignored, failure) -> null);
        return admit(done);
    }

    private CompletableFuture<Void> settle(
            Message<ConsumerRecords<String, byte[]>> batch, PartitionLedger.Claim claim, Throwable failure, int size) {
        if (!claim.acknowledged()) {
            return CompletableFuture.completedFuture(null);
        }
        if (failure == null) {
            return batch.ack().toCompletableFuture();
        }
        LOG.errorf(
                failure,
                "The output of a batch of %d records failed for a reason that is not an outage; the batch is nacked "
                        + "(logged and skipped)",
                size);
        return batch.nack(failure).toCompletableFuture();
    }

    private static List<InputRecord> inputs(List<ConsumerRecord<String, byte[]>> records) {
        List<InputRecord> inputs = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            inputs.add(new InputRecord(
                    record.topic(),
                    record.key(),
                    record.value(),
                    record.timestamp() <= 0 ? Instant.now() : Instant.ofEpochMilli(record.timestamp())));
        }
        return inputs;
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

    /** @return completes (never fails) when each shadow model's predictions are acknowledged or given up */
    private CompletableFuture<Void> publishShadows(List<ShadowResult> scored) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(scored.size());
        for (ShadowResult result : scored) {
            String modelId = result.model().modelId();
            if (!result.succeeded()) {
                LOG.errorf(
                        result.failure(),
                        "Model %s in shadow failed on a batch of %d images; its predictions of the batch are skipped "
                                + "(production is unaffected)",
                        modelId,
                        result.predictions().size());
                metrics.shadowFailed(modelId, "predict");
                continue;
            }
            sends.add(gate.async("publish shadow predictions", () -> predictions.publishShadow(result.predictions()))
                    .subscribeAsCompletionStage()
                    .handle((ignored, failure) -> {
                        if (failure == null) {
                            metrics.shadowPredicted(
                                    modelId, result.predictions().size());
                        } else {
                            LOG.errorf(
                                    failure,
                                    "Kafka refused %d predictions of model %s in shadow; they are skipped "
                                            + "(production is unaffected)",
                                    result.predictions().size(),
                                    modelId);
                            metrics.shadowFailed(modelId, "publish");
                        }
                        return null;
                    }));
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
        return Uni.createFrom().completionStage(oldest.handle((ignored, failure) -> null));
    }

    /**
     * A graceful stop (SIGTERM, Quarkus shutdown), before the Kafka connector closes: no batch starts any more, and
     * the batches already being predicted finish, so that the connector's final commit covers them.
     */
    void onStop(@Observes ShutdownEvent event) {
        if (ledger.drain(drainTimeout)) {
            LOG.info("Stopping: every batch started is acknowledged; the connector commits them before it closes");
        } else {
            LOG.warnf(
                    "Stopping: batches still unacknowledged after %s; their records may be predicted again after the "
                            + "restart",
                    drainTimeout);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
