package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.support.InMemoryChannels;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.InMemoryKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The fast tier of {@link ImageBatchConsumer}: batches handed over by the in-memory connector (no broker), a real
 * DL4J model serving, predictions and rejections read from the in-memory channels, and the batch acknowledged only
 * once its output is.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ImageBatchConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ServingModelHolder holder;

    private final TrainedModels.Trained model = TrainedModels.first();
    private final TrainingData images = TrainedModels.testImages();

    @BeforeEach
    void serve() {
        if (holder.current().isEmpty()) {
            holder.serve(model.serving());
        }
    }

    @Test
    void aValidBatchIsPredictedWithTheServingModelKeyedByImageIdAndThenAcknowledged() {
        String prefix = "mem-" + UUID.randomUUID() + "-";
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(record(
                    prefix + i,
                    JsonCodec.toBytes(
                            InputImage.ofPixels(prefix + i, images.images().get(i), images.labels()[i]))));
        }
        AtomicInteger acks = send(records);

        await().atMost(WAIT).until(() -> predictions(prefix).size() == 5);
        assertThat(predictions(prefix).values()).allSatisfy(p -> {
            assertThat(p.modelId()).isEqualTo(model.modelId());
            assertThat(p.modelVersion()).isEqualTo(model.version());
            assertThat(p.problem()).isNull();
            assertThat(Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, within(1e-4));
            assertThat(p.trueLabel()).isEqualTo(images.labels()[Integer.parseInt(p.id().substring(prefix.length()))]);
        });
        InMemorySink<Prediction> sink = connector.sink(Channels.PREDICTIONS);
        assertThat(sink.received())
                .filteredOn(m -> m.getPayload().id().startsWith(prefix))
                .allSatisfy(m -> assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class))
                        .hasValueSatisfying(k ->
                                assertThat(k.getKey()).isEqualTo(m.getPayload().id())));
        await().atMost(WAIT).untilAtomic(acks, equalTo(1));
    }

    @Test
    void hostileRecordsEndOnTheRejectedChannelWithTheirRuleAndTheGoodOneIsPredicted() {
        String prefix = "mem-poison-" + UUID.randomUUID() + "-";
        byte[] corruptPng = Arrays.copyOf(GreyImageEncoder.toPng(images.images().get(3)), 40);
        Map<String, byte[]> poison = Map.of(
                prefix + "json", "{\"id\": \"p1\", \"pixels\": ".getBytes(StandardCharsets.UTF_8),
                prefix + "size", JsonCodec.toBytes(InputImage.ofPixels("p2", new byte[783], null)),
                prefix + "png",
                        JsonCodec.toBytes(new InputImage(
                                "p4", null, Base64.getEncoder().encodeToString(corruptPng), null, null, null)),
                prefix + "huge",
                        ("{\"id\":\"huge\",\"pixels\":\"" + "x".repeat(300 * 1024) + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        poison.forEach((key, value) -> records.add(record(key, value)));
        records.add(record(
                prefix + "good",
                JsonCodec.toBytes(
                        InputImage.ofPixels(prefix + "good", images.images().get(0), null))));
        AtomicInteger acks = send(records);

        await().atMost(WAIT).until(() -> rejections(prefix).size() == poison.size());
        Map<String, String> reasons =
                rejections(prefix).values().stream().collect(Collectors.toMap(Rejection::key, Rejection::reason));
        assertThat(reasons.get(prefix + "json")).startsWith("invalid-json");
        assertThat(reasons.get(prefix + "size")).startsWith("invalid-pixels").contains("783");
        assertThat(reasons.get(prefix + "png")).startsWith("invalid-png");
        assertThat(reasons.get(prefix + "huge")).startsWith("record-too-large");
        assertThat(rejections(prefix).values()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(Topics.IMAGES_INPUT);
            assertThat(r.service()).isEqualTo("inference-service");
            assertThat(r.payload()).hasSizeLessThanOrEqualTo(Rejection.PAYLOAD_LIMIT);
        });
        await().atMost(WAIT).until(() -> predictions(prefix).containsKey(prefix + "good"));
        assertThat(predictions(prefix)).containsOnlyKeys(prefix + "good");
        InMemorySink<Prediction> sink = connector.sink(Channels.PREDICTIONS);
        assertThat(sink.received())
                .as("refused records get no prediction")
                .noneMatch(m ->
                        Set.of("p1", "p2", "p4", "huge").contains(m.getPayload().id()));
        await().atMost(WAIT).untilAtomic(acks, equalTo(1));
    }

    /** @return counts the batch's acknowledgements */
    private AtomicInteger send(List<ConsumerRecord<String, byte[]>> records) {
        AtomicInteger acks = new AtomicInteger();
        connector.source(Channels.IMAGES).send(Message.of(InMemoryKafka.batch(records), () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }));
        return acks;
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return InMemoryKafka.record(Topics.IMAGES_INPUT, OFFSETS.incrementAndGet(), key, value);
    }

    private Map<String, Prediction> predictions(String prefix) {
        InMemorySink<Prediction> sink = connector.sink(Channels.PREDICTIONS);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(p -> p.id().startsWith(prefix))
                .collect(Collectors.toMap(Prediction::id, p -> p, (a, b) -> a));
    }

    private Map<String, Rejection> rejections(String prefix) {
        InMemorySink<Rejection> sink = connector.sink(Channels.REJECTED);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(r -> r.key() != null && r.key().startsWith(prefix))
                .collect(Collectors.toMap(Rejection::key, r -> r, (a, b) -> a));
    }
}
