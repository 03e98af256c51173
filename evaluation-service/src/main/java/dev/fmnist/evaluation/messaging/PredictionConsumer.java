package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.evaluation.service.PredictionCounter;
import dev.fmnist.evaluation.service.PredictionIntake;
import dev.fmnist.evaluation.service.RawRecord;
import dev.fmnist.kit.Isolation;
import dev.fmnist.kit.OutageGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code fmnist.predictions} (the production model) and {@code fmnist.predictions.shadow} (models in shadow)
 * in batches, both through the same code: a shadow model is counted and evaluated exactly like production. A batch is counted in one database transaction, its refused records
 * are published to {@code fmnist.rejected} (and acknowledged by the broker), and only then does the method return,
 * which acknowledges the batch: its offsets are committed after its counts are durable. It never fails a batch: an
 * outage waits ({@link OutageGate}), a poison record is refused ({@link Isolation}).
 */
@ApplicationScoped
public class PredictionConsumer {

    private final PredictionCounter counter;
    private final OutageGate gate;
    private final EvaluationPublisher publisher;
    private final RejectionPublisher rejected;
    private final Counter countedPredictions;
    private final Counter duplicatePredictions;
    private final Counter unlabelledPredictions;
    private final Counter rejectedRecords;

    public PredictionConsumer(
            PredictionCounter counter,
            OutageGate gate,
            EvaluationPublisher publisher,
            RejectionPublisher rejected,
            MeterRegistry registry) {
        this.counter = counter;
        this.gate = gate;
        this.publisher = publisher;
        this.rejected = rejected;
        this.countedPredictions =
                counter(registry, "counted", "Labelled predictions counted (first time per model and image)");
        this.duplicatePredictions =
                counter(registry, "duplicate", "Labelled predictions of a model and image already counted");
        this.unlabelledPredictions = counter(registry, "unlabelled", "Predictions without a trueLabel (not counted)");
        this.rejectedRecords = counter(registry, "rejected", "Prediction records refused to fmnist.rejected");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("fmnist.evaluation.predictions")
                .tag("outcome", outcome)
                .description(description)
                .register(registry);
    }

    /**
     * Counts one batch of {@code fmnist.predictions} records; returning normally acknowledges the whole batch. An
     * outage of PostgreSQL or Kafka pauses here (readiness DOWN) until it is over; a record that cannot be counted for
     * a reason of its own is isolated from the batch and refused to {@code fmnist.rejected}, and the rest is counted.
     */
    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        count(RawRecords.of(records));
    }

    /** Counts one batch of {@code fmnist.predictions.shadow} records, exactly as {@link #consume}. */
    @Incoming(Channels.SHADOW_PREDICTIONS)
    @Blocking
    public void consumeShadow(ConsumerRecords<String, byte[]> records) {
        count(RawRecords.of(records));
    }

    private void count(List<RawRecord> batch) {
        List<PredictionCounter.Outcome> parts = new ArrayList<>(1);
        List<Isolation.Failure<RawRecord>> failures =
                Isolation.isolate(batch, part -> parts.add(gate.call("count predictions", () -> counter.handle(part))));
        List<Rejection> rejections = new ArrayList<>();
        int counted = 0;
        int duplicates = 0;
        int unlabelled = 0;
        for (PredictionCounter.Outcome part : parts) {
            rejections.addAll(part.rejections());
            counted += part.counted();
            duplicates += part.duplicates();
            unlabelled += part.unlabelled();
        }
        for (Isolation.Failure<RawRecord> failure : failures) {
            RawRecord record = failure.item();
            Log.errorf(
                    failure.cause(),
                    "Could not count a prediction record of %s (key %s); it is refused",
                    record.topic(),
                    record.key());
            rejections.add(Rejection.of(
                    record.topic(),
                    record.key(),
                    Isolation.reason(failure.cause()),
                    record.value(),
                    PredictionIntake.SERVICE));
        }
        rejected.send(rejections);
        countedPredictions.increment(counted);
        duplicatePredictions.increment(duplicates);
        unlabelledPredictions.increment(unlabelled);
        rejectedRecords.increment(rejections.size());
        if (duplicates > 0) {
            Log.debugf("Ignored %d prediction(s) already counted", duplicates);
        }
        publisher.publishDue();
    }
}
