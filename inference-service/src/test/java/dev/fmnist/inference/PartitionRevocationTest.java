package dev.fmnist.inference;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.inference.support.Broker;
import dev.fmnist.inference.support.RegistryPortResource;
import dev.fmnist.inference.support.StandInRegistry;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebalance in the middle of a stream, against a real broker: while the service consumes a few thousand records,
 * a plain Kafka consumer joins the group {@code inference-service} (the service's partitions are revoked, half of
 * them come back), takes its partitions, and leaves without committing anything (they are revoked again and all come
 * back). What the service had done was committed before each revocation, so afterwards every record has exactly one
 * production Prediction: none lost, none repeated.
 */
@QuarkusTest
@TestProfile(PartitionRevocationTest.Profile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(RegistryPortResource.class)
class PartitionRevocationTest {

    /** Small batches, so that several are in flight whenever the partitions are revoked. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.images.max.poll.records",
                    "100",
                    "quarkus.log.category.\"dev.fmnist.inference.messaging\".level",
                    "DEBUG");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static Broker broker;
    private static ConsumerTask<String, byte[]> predictions;
    private static StandInRegistry registry;
    private static TrainedModels.Trained model;
    private static TrainingData images;
    private static KafkaProducer<String, byte[]> input;

    @BeforeAll
    static void setUp() {
        broker = new Broker(SharedTestPlatform.get().bootstrapServers());
        predictions = broker.read(Topics.PREDICTIONS);
        input = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                SharedTestPlatform.get().bootstrapServers(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, "5"),
                new StringSerializer(),
                new ByteArraySerializer());
        images = TrainedModels.testImages();
        model = TrainedModels.first();
        String registryUrl = ConfigProvider.getConfig().getValue(RegistryPortResource.REGISTRY_URL, String.class);
        registry = StandInRegistry.start(URI.create(registryUrl).getPort());
        registry.register(model, ModelStatus.REGISTERED);
        registry.promote(model.modelId());
        broker.sendJson(Topics.MODELS, model.modelId(), model.event(ModelStatus.PRODUCTION, registry));
    }

    @AfterAll
    static void tearDown() {
        input.close();
        broker.close();
        registry.close();
    }

    @Test
    void aConsumerJoiningAndLeavingTheGroupMidStreamMakesNoPredictionRepeatOrGoMissing() throws Exception {
        await().atMost(PATIENCE)
                .until(() -> model.modelId()
                        .equals(given().get("/model").then().extract().path("modelId")));
        String prefix = "rb-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int total = 4000;
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int from = 0; from < total; from += 50) {
                    publishImages(prefix, from, from + 50);
                    Thread.sleep(40);
                }
            } catch (Throwable e) {
                senderFailure.set(e);
            }
        });
        sender.start();
        await().atMost(PATIENCE)
                .until(() -> Broker.countByKey(predictions, prefix).size() >= 400);

        Set<TopicPartition> taken = joinTheGroupAndLeave();
        assertThat(taken)
                .as("the intruder was given some of the input partitions")
                .isNotEmpty();
        int predictedWhenItLeft = Broker.countByKey(predictions, prefix).size();
        sender.join();
        assertThat(senderFailure.get()).isNull();
        assertThat(predictedWhenItLeft).as("the rebalances happened mid-stream").isLessThan(total);

        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Broker.countByKey(predictions, prefix).size() >= total);
        Thread.sleep(3000);
        Map<String, Long> counts = Broker.countByKey(predictions, prefix);
        assertThat(counts).as("a production Prediction for every record").hasSize(total);
        assertThat(repeated(prefix)).as("records predicted more than once").isEmpty();
        assertThat(Broker.values(predictions, Prediction.class, prefix))
                .extracting(Prediction::role)
                .containsOnly(Prediction.PRODUCTION);
    }

    /** @return each repeated id with where and when its predictions were written */
    private static Map<String, List<String>> repeated(String prefix) {
        Map<String, List<String>> seen = new java.util.TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : predictions.getRecords()) {
            if (record.key() != null && record.key().startsWith(prefix)) {
                Prediction p = JsonCodec.fromBytes(record.value(), Prediction.class);
                seen.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(record.partition() + "@" + record.offset() + " " + p.timestamp());
            }
        }
        seen.values().removeIf(list -> list.size() == 1);
        return seen;
    }

    /** @return the partitions a plain consumer of the service's group got before it closed, committing nothing */
    private static Set<TopicPartition> joinTheGroupAndLeave() {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedTestPlatform.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "inference-service",
                ConsumerConfig.CLIENT_ID_CONFIG, "intruder-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        try (KafkaConsumer<String, byte[]> intruder =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            intruder.subscribe(List.of(Topics.IMAGES_INPUT));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (intruder.assignment().isEmpty() && System.nanoTime() < deadline) {
                intruder.poll(Duration.ofMillis(200));
            }
            intruder.poll(Duration.ofMillis(200));
            return Set.copyOf(intruder.assignment());
        }
    }

    /** Sends through an idempotent producer, so that a retried send under load never duplicates an input record. */
    private static void publishImages(String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            int index = i % images.size();
            input.send(new ProducerRecord<>(
                    Topics.IMAGES_INPUT,
                    prefix + i,
                    JsonCodec.toBytes(
                            InputImage.ofPixels(prefix + i, images.images().get(index), images.labels()[index]))));
        }
        input.flush();
    }
}
