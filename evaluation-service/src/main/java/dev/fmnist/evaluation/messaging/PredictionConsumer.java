package dev.fmnist.evaluation.messaging;

import dev.fmnist.evaluation.service.PredictionCounter;
import dev.fmnist.evaluation.service.RawRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code fmnist.predictions} in batches. A batch is counted in one database transaction, its refused records
 * are published to {@code fmnist.rejected} (and acknowledged by the broker), and only then does the method return,
 * which acknowledges the batch: its offsets are committed after its counts are durable.
 */
@ApplicationScoped
public class PredictionConsumer {

    private final PredictionCounter counter;
    private final EvaluationPublisher publisher;
    private final RejectionPublisher rejected;
    private final Counter countedPredictions;
    private final Counter duplicatePredictions;
    private final Counter unlabelledPredictions;
    private final Counter rejectedRecords;

    public PredictionConsumer(PredictionCounter counter, EvaluationPublisher publisher,
                              RejectionPublisher rejected, MeterRegistry registry) {
        this.counter = counter;
        this.publisher = publisher;
        this.rejected = rejected;
        this.countedPredictions = counter(registry, "counted", "Labelled predictions counted (first time per model and image)");
        this.duplicatePredictions = counter(registry, "duplicate", "Labelled predictions of a model and image already counted");
        this.unlabelledPredictions = counter(registry, "unlabelled", "Predictions without a trueLabel (not counted)");
        this.rejectedRecords = counter(registry, "rejected", "Prediction records refused to fmnist.rejected");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("fmnist.evaluation.predictions").tag("outcome", outcome).description(description)
                .register(registry);
    }

    /** Counts one batch of prediction records; returning normally acknowledges the whole batch. */
    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<RawRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(new RawRecord(record.topic(), record.key(), record.value(), Instant.ofEpochMilli(record.timestamp())));
        }
        PredictionCounter.Outcome outcome = counter.handle(batch);
        rejected.send(outcome.rejections());
        countedPredictions.increment(outcome.counted());
        duplicatePredictions.increment(outcome.duplicates());
        unlabelledPredictions.increment(outcome.unlabelled());
        rejectedRecords.increment(outcome.rejections().size());
        if (outcome.duplicates() > 0) {
            Log.debugf("Ignored %d prediction(s) already counted", outcome.duplicates());
        }
        publisher.publishDue();
    }
}
