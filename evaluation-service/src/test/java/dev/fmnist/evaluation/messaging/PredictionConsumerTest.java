package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.InMemoryChannels;
import dev.fmnist.testing.InMemoryKafka;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.fmnist.testing.InMemoryKafka.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fast tier of {@link PredictionConsumer}: batches handed over by the in-memory connector (no broker), counts in
 * the real PostgreSQL, evaluations and rejections read from the in-memory channels.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(InMemoryChannels.class)
class PredictionConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void aValidBatchIsCountedOnceAndItsEvaluationEmittedWithTheModelAsKey() {
        String model = "mem-" + UUID.randomUUID();
        List<Prediction> predictions = new ArrayList<>(HandMadeSet.predictions(model));
        predictions.add(predictions.get(0)); // delivered twice
        send(predictions.stream().map(p -> record(p.id(), JsonCodec.toBytes(p))).toList());

        Evaluation e = awaitEvaluation(model, HandMadeSet.COUNT);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        assertThat(e.accuracy()).isEqualTo(HandMadeSet.ACCURACY);
        InMemorySink<Evaluation> sink = connector.sink(Channels.EVALUATIONS);
        assertThat(sink.received())
                .filteredOn(m -> m.getPayload().modelId().equals(model))
                .allSatisfy(m -> assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class))
                        .hasValueSatisfying(k -> assertThat(k.getKey()).isEqualTo(model)));
    }

    @Test
    void shadowPredictionsAreCountedAndEvaluatedExactlyLikeProductionOnes() {
        String model = "mem-shadow-" + UUID.randomUUID();
        List<Prediction> predictions = new ArrayList<>();
        HandMadeSet.predictions(model).forEach(p -> predictions.add(p.withRole(Prediction.SHADOW)));
        predictions.add(predictions.get(3)); // delivered twice
        connector
                .source(Channels.SHADOW_PREDICTIONS)
                .send(batch(predictions.stream()
                        .map(p -> InMemoryKafka.record(
                                Topics.PREDICTIONS_SHADOW, OFFSETS.incrementAndGet(), p.id(), JsonCodec.toBytes(p)))
                        .toList()));

        Evaluation e = awaitEvaluation(model, HandMadeSet.COUNT);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        assertThat(e.accuracy()).isEqualTo(HandMadeSet.ACCURACY);
        assertThat(e.macroF1()).isCloseTo(HandMadeSet.MACRO_F1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.comparison())
                .as("not in shadow in the registry: nothing to compare")
                .isNull();
    }

    @Test
    void hostileRecordsEndOnTheRejectedChannelWithTheirRuleAndTheRestIsCounted() {
        String model = "mem-hostile-" + UUID.randomUUID();
        Prediction good = HandMadeSet.prediction(model, model + "-ok", 7, 7);
        String badLabel = new String(JsonCodec.toBytes(good), StandardCharsets.UTF_8)
                .replace("\"trueLabel\":7", "\"trueLabel\":12")
                .replace(good.id(), model + "-bad-label");
        String nulId = new String(JsonCodec.toBytes(good), StandardCharsets.UTF_8)
                .replace("\"id\":\"" + good.id() + "\"", "\"id\":\"a\\u0000b\"");
        Prediction farFuture = new Prediction(
                model + "-future",
                model,
                1,
                3,
                "Dress",
                good.probabilities(),
                3,
                1.0,
                Instant.parse("+295000-01-01T00:00:00Z"));
        String prefix = "mem-key-" + UUID.randomUUID() + "-";
        send(List.of(
                record(prefix + "json", utf8("this is not JSON")),
                record(prefix + "label", utf8(badLabel)),
                record(prefix + "nul", utf8(nulId)),
                record(prefix + "future", JsonCodec.toBytes(farFuture)),
                record(good.id(), JsonCodec.toBytes(good))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(rejections(prefix)).hasSize(4));
        Map<String, Rejection> byKey = rejections(prefix);
        assertThat(byKey.get(prefix + "json").reason()).startsWith("invalid-json:");
        assertThat(byKey.get(prefix + "json").payload()).isEqualTo("this is not JSON");
        assertThat(byKey.get(prefix + "label").reason())
                .startsWith("invalid-field:")
                .contains("trueLabel");
        assertThat(byKey.get(prefix + "nul").reason())
                .isEqualTo("invalid-field: 'id' contains the control character U+0000 at position 1");
        assertThat(byKey.get(prefix + "future").reason()).startsWith("processing-failed:");
        assertThat(byKey.values()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(Topics.PREDICTIONS);
            assertThat(r.service()).isEqualTo("evaluation-service");
        });
        assertThat(awaitEvaluation(model, 1).confusionMatrix()[7][7]).isEqualTo(1);
    }

    private void send(List<ConsumerRecord<String, byte[]>> records) {
        connector.source(Channels.PREDICTIONS).send(batch(records));
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return InMemoryKafka.record(Topics.PREDICTIONS, OFFSETS.incrementAndGet(), key, value);
    }

    private Evaluation awaitEvaluation(String model, long count) {
        InMemorySink<Evaluation> sink = connector.sink(Channels.EVALUATIONS);
        return await().atMost(WAIT)
                .until(
                        () -> sink.received().stream()
                                .map(Message::getPayload)
                                .filter(e -> e.modelId().equals(model) && e.count() == count)
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
    }

    private Map<String, Rejection> rejections(String keyPrefix) {
        InMemorySink<Rejection> sink = connector.sink(Channels.REJECTED);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(r -> r.key() != null && r.key().startsWith(keyPrefix))
                .collect(Collectors.toMap(Rejection::key, r -> r, (a, b) -> a));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
