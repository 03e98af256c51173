package dev.fmnist.inference.service;

import dev.fmnist.contracts.Prediction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service's meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #IMAGES} counter, tags {@code source} (kafka, rest) and {@code outcome} (predicted, rejected)
 *       [{@code fmnist_inference_images_total}]: images/s is its {@code rate()};</li>
 *   <li>{@value #BATCH_SIZE} summary with histogram: records per consumed batch;</li>
 *   <li>{@value #LATENCY} timer with histogram: per image, from arrival (record timestamp) to prediction;</li>
 *   <li>{@value #FORWARD} timer with histogram: one batched forward pass.</li>
 *   <li>{@value #SHADOW_PREDICTIONS} counter, tag {@code model}: predictions by models in shadow, published on
 *       {@code fmnist.predictions.shadow} [{@code fmnist_inference_shadow_predictions_total}];</li>
 *   <li>{@value #SHADOW_FAILURES} counter, tags {@code model} and {@code stage} ({@code predict}, {@code publish}):
 *       batches a model in shadow lost its predictions of [{@code fmnist_inference_shadow_failures_total}].</li>
 * </ul>
 */
public final class InferenceMetrics {

    public static final String IMAGES = "fmnist.inference.images";
    public static final String BATCH_SIZE = "fmnist.inference.batch.size";
    public static final String LATENCY = "fmnist.inference.latency";
    public static final String FORWARD = "fmnist.inference.forward";
    public static final String SHADOW_PREDICTIONS = "fmnist.inference.shadow.predictions";
    public static final String SHADOW_FAILURES = "fmnist.inference.shadow.failures";

    private final MeterRegistry registry;

    private final Counter kafkaPredicted;
    private final Counter kafkaRejected;
    private final Counter restPredicted;
    private final Counter restRejected;
    private final DistributionSummary batchSize;
    private final Timer latency;
    private final Timer forward;

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        kafkaPredicted = images(registry, "kafka", "predicted");
        kafkaRejected = images(registry, "kafka", "rejected");
        restPredicted = images(registry, "rest", "predicted");
        restRejected = images(registry, "rest", "rejected");
        batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Input records per consumed batch")
                .baseUnit("records")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(5000.0)
                .register(registry);
        latency = Timer.builder(LATENCY)
                .description("Time from an image's arrival to its prediction")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
        forward = Timer.builder(FORWARD)
                .description("One batched forward pass")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static Counter images(MeterRegistry registry, String source, String outcome) {
        return Counter.builder(IMAGES)
                .description("Input images handled")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Records a batch consumed from Kafka. */
    public void kafkaBatch(BatchOutcome outcome) {
        batchSize.record(outcome.size());
        kafkaPredicted.increment(outcome.predictions().size());
        kafkaRejected.increment(outcome.rejections().size());
        record(outcome);
    }

    /** Records the predictions a model in shadow made of a batch (published once Kafka acknowledged them). */
    public void shadowPredicted(String modelId, int predictions) {
        Counter.builder(SHADOW_PREDICTIONS)
                .description("Predictions by models in shadow")
                .tag("model", modelId)
                .register(registry)
                .increment(predictions);
    }

    /**
     * Records a batch whose predictions a model in shadow lost.
     *
     * @param stage {@code predict} (its forward pass failed) or {@code publish} (Kafka refused them)
     */
    public void shadowFailed(String modelId, String stage) {
        Counter.builder(SHADOW_FAILURES)
                .description("Batches a model in shadow could not score or publish (production unaffected)")
                .tag("model", modelId)
                .tag("stage", stage)
                .register(registry)
                .increment();
    }

    /** Records one REST prediction request. */
    public void restRequest(BatchOutcome outcome) {
        restPredicted.increment(outcome.predictions().size());
        restRejected.increment(outcome.rejections().size());
        record(outcome);
    }

    private void record(BatchOutcome outcome) {
        if (outcome.forwardNanos() > 0) {
            forward.record(outcome.forwardNanos(), TimeUnit.NANOSECONDS);
        }
        for (Prediction prediction : outcome.predictions()) {
            latency.record((long) (prediction.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
        }
    }
}
