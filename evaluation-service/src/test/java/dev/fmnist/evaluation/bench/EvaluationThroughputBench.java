package dev.fmnist.evaluation.bench;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.testing.PredictionFlow;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (its name keeps it out of the test run): labelled predictions counted per second with
 * persistence on, on the real broker and PostgreSQL. Run it with {@code evaluation-service/bench/throughput.sh}.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class EvaluationThroughputBench {

    private static final int PREDICTIONS = Integer.getInteger("bench.predictions", 200_000);

    @Inject
    EvaluationBook book;

    @Test
    void predictionsPerSecond() throws Exception {
        String model = "bench-" + UUID.randomUUID();
        Random random = new Random(42);
        byte[][] values = new byte[PREDICTIONS][];
        String[] keys = new String[PREDICTIONS];
        for (int i = 0; i < PREDICTIONS; i++) {
            int trueLabel = random.nextInt(FashionLabels.COUNT);
            int predicted = random.nextDouble() < 0.9 ? trueLabel : random.nextInt(FashionLabels.COUNT);
            double[] probabilities = new double[FashionLabels.COUNT];
            probabilities[predicted] = 1.0;
            keys[i] = model + "-" + i;
            values[i] = JsonCodec.toBytes(new Prediction(
                    keys[i],
                    model,
                    1,
                    predicted,
                    FashionLabels.name(predicted),
                    probabilities,
                    trueLabel,
                    2.0,
                    Instant.now()));
        }

        Watcher watcher = new Watcher(model);
        watcher.start();
        long produceStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedTestPlatform.get().bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < PREDICTIONS; i++) {
                producer.send(new ProducerRecord<>(Topics.PREDICTIONS, keys[i], values[i]));
            }
            producer.flush();
        }
        long produceEnd = System.nanoTime();
        long countedAtProduceEnd = book.count(model);
        watcher.join();

        double produceSeconds = (produceEnd - produceStart) / 1e9;
        double drainSeconds = (watcher.lastNanos - produceEnd) / 1e9;
        double countingSeconds = (watcher.lastNanos - watcher.firstNanos) / 1e9;
        int evaluations = PredictionFlow.evaluations(model).size();
        System.out.printf(
                "BENCH predictions=%d produced_in=%.2fs counted_in=%.2fs overall=%.0f/s "
                        + "drain_after_producer=%.0f/s (%d counted while producing) evaluations_emitted=%d%n",
                PREDICTIONS,
                produceSeconds,
                countingSeconds,
                PREDICTIONS / countingSeconds,
                (PREDICTIONS - countedAtProduceEnd) / drainSeconds,
                countedAtProduceEnd,
                evaluations);
        assertThat(book.count(model)).isEqualTo(PREDICTIONS);
    }

    /** Polls the book until every prediction is counted, noting when the first and the last were. */
    private final class Watcher extends Thread {
        private final String model;
        volatile long firstNanos;
        volatile long lastNanos;

        Watcher(String model) {
            this.model = model;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (System.nanoTime() < deadline) {
                long counted = book.count(model);
                if (counted > 0 && firstNanos == 0) {
                    firstNanos = System.nanoTime();
                }
                if (counted >= PREDICTIONS) {
                    lastNanos = System.nanoTime();
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
