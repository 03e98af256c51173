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
 * </ul>
 */
public final class InferenceMetrics {

    public static final String IMAGES = "fmnist.inference.images";
    public static final String BATCH_SIZE = "fmnist.inference.batch.size";
    public static final String LATENCY = "fmnist.inference.latency";
    public static final String FORWARD = "fmnist.inference.forward";

    private final Counter kafkaPredicted;
    private final Counter kafkaRejected;
    private final Counter restPredicted;
    private final Counter restRejected;
    private final DistributionSummary batchSize;
    private final Timer latency;
    private final Timer forward;

    public InferenceMetrics(MeterRegistry registry) {
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
