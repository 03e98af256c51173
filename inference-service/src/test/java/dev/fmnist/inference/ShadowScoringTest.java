package dev.fmnist.inference;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * Models in shadow end to end against a real broker and a stand-in registry on real HTTP, with real models trained on
 * the fixture: model A in production, model B put in shadow. Every accepted record then gets its production
 * Prediction exactly as before (role production, once) and one shadow Prediction of B on
 * {@code fmnist.predictions.shadow}; once B leaves shadow, it predicts nothing more; promoted from shadow, it serves.
 */
@QuarkusTest
@TestProfile(ShadowScoringTest.Profile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(RegistryPortResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShadowScoringTest {

    /** Its own application (not shared with the other end-to-end tests, whose first test needs no model). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fmnist.inference.shadow.max", "3");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Broker broker;
    private static ConsumerTask<String, byte[]> predictions;
    private static ConsumerTask<String, byte[]> shadowPredictions;
    private static ConsumerTask<String, byte[]> rejections;
    private static StandInRegistry registry;
    private static TrainedModels.Trained champion;
    private static TrainedModels.Trained challenger;
    private static TrainingData images;

    @BeforeAll
    static void setUp() {
        broker = new Broker(SharedTestPlatform.get().bootstrapServers());
        predictions = broker.read(Topics.PREDICTIONS);
        shadowPredictions = broker.read(Topics.PREDICTIONS_SHADOW);
        rejections = broker.read(Topics.REJECTED);
        images = TrainedModels.testImages();
        champion = TrainedModels.first();
        challenger = TrainedModels.second();
        String registryUrl = ConfigProvider.getConfig().getValue(RegistryPortResource.REGISTRY_URL, String.class);
        registry = StandInRegistry.start(URI.create(registryUrl).getPort());
        registry.register(champion, ModelStatus.REGISTERED);
        registry.promote(champion.modelId());
        registry.register(challenger, ModelStatus.SHADOW);
        broker.sendJson(Topics.MODELS, champion.modelId(), champion.event(ModelStatus.PRODUCTION, registry));
        broker.sendJson(Topics.MODELS, challenger.modelId(), challenger.event(ModelStatus.SHADOW, registry));
    }

    @AfterAll
    static void tearDown() {
        broker.close();
        registry.close();
    }

    @Test
    @Order(1)
    void aModelInShadowGetsOneShadowPredictionPerAcceptedRecordAndProductionIsUnchanged() {
        await().atMost(PATIENCE)
                .until(
                        () -> given().get("/model").then().extract().jsonPath().getList("shadows.modelId"),
                        ids -> ids != null && ids.equals(List.of(challenger.modelId())));
        given().get("/model")
                .then()
                .statusCode(200)
                .body("modelId", equalTo(champion.modelId()))
                .body("shadows[0].version", equalTo(challenger.version()))
                .body("shadows[0].artifactSha256", equalTo(challenger.sha256()));

        int count = 300;
        publishImages("sh-", 0, count);
        broker.send(Topics.IMAGES_INPUT, "sh-poison", "{\"id\": \"sh-poison\"}".getBytes(StandardCharsets.UTF_8));

        List<Prediction> production = awaitExactlyOnce(predictions, "sh-", count);
        assertThat(production).allSatisfy(p -> {
            assertThat(p.role()).isEqualTo(Prediction.PRODUCTION);
            assertThat(p.modelId()).isEqualTo(champion.modelId());
        });
        List<Prediction> shadow = awaitExactlyOnce(shadowPredictions, "sh-", count);
        double[][] expected = challenger
                .bundle()
                .classifier()
                .predictProbabilities(images.images().subList(0, count));
        assertThat(shadow).allSatisfy(p -> {
            int index = Integer.parseInt(p.id().substring("sh-".length()));
            assertThat(p.problem()).isNull();
            assertThat(p.role()).isEqualTo(Prediction.SHADOW);
            assertThat(p.modelId()).isEqualTo(challenger.modelId());
            assertThat(p.modelVersion()).isEqualTo(challenger.version());
            assertThat(p.trueLabel()).isEqualTo(images.labels()[index]);
            assertThat(p.probabilities()).containsExactly(expected[index], within(1e-6));
        });
        assertThat(shadowRecords("sh-"))
                .allSatisfy(record -> assertThat(record.key())
                        .isEqualTo(JsonCodec.fromBytes(record.value(), Prediction.class)
                                .id()));
        await().atMost(PATIENCE)
                .until(() ->
                        !Broker.values(rejections, Rejection.class, "sh-poison").isEmpty());
        assertThat(Broker.values(shadowPredictions, Prediction.class, "sh-poison"))
                .as("a refused record is scored by no model")
                .isEmpty();
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("fmnist_inference_shadow_predictions_total{model=\"" + challenger.modelId() + "\"}");
    }

    @Test
    @Order(2)
    void aModelTakenOutOfShadowPredictsNothingMoreAndProductionGoesOn() {
        registry.register(challenger, ModelStatus.REGISTERED);
        broker.sendJson(Topics.MODELS, challenger.modelId(), challenger.event(ModelStatus.REGISTERED, registry));
        await().atMost(PATIENCE)
                .until(() -> given().get("/model").then().extract().jsonPath().getList("shadows"), List::isEmpty);

        publishImages("unsh-", 0, 50);

        assertThat(awaitExactlyOnce(predictions, "unsh-", 50))
                .extracting(Prediction::modelId)
                .containsOnly(champion.modelId());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> Broker.values(shadowPredictions, Prediction.class, "unsh-")
                        .isEmpty());
    }

    @Test
    @Order(3)
    void aModelPromotedFromShadowServesProductionAndLeavesTheShadowSet() {
        registry.register(challenger, ModelStatus.SHADOW);
        broker.sendJson(Topics.MODELS, challenger.modelId(), challenger.event(ModelStatus.SHADOW, registry));
        await().atMost(PATIENCE)
                .until(
                        () -> given().get("/model").then().extract().jsonPath().getList("shadows.modelId"),
                        ids -> ids != null && ids.equals(List.of(challenger.modelId())));
        registry.promote(challenger.modelId());
        broker.sendJson(Topics.MODELS, challenger.modelId(), challenger.event(ModelStatus.PRODUCTION, registry));
        await().atMost(PATIENCE)
                .until(() -> challenger
                        .modelId()
                        .equals(given().get("/model").then().extract().path("modelId")));
        given().get("/model").then().statusCode(200).body("shadows", empty());

        publishImages("promo-", 0, 20);

        assertThat(awaitExactlyOnce(predictions, "promo-", 20))
                .extracting(Prediction::modelId, Prediction::role)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(challenger.modelId(), Prediction.PRODUCTION));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> Broker.values(shadowPredictions, Prediction.class, "promo-")
                        .isEmpty());
    }

    private static List<ConsumerRecord<String, byte[]>> shadowRecords(String prefix) {
        return shadowPredictions.getRecords().stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix))
                .collect(Collectors.toList());
    }

    /** Waits for a prediction of every id {@code prefix}0..count-1 on the reader's topic, then checks none repeats. */
    private static List<Prediction> awaitExactlyOnce(ConsumerTask<String, byte[]> reader, String prefix, int count) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Broker.countByKey(reader, prefix).size() >= count);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> Broker.values(reader, Prediction.class, prefix).size() == count);
        List<Prediction> predicted = Broker.values(reader, Prediction.class, prefix);
        assertThat(predicted)
                .extracting(Prediction::id)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, count).mapToObj(i -> prefix + i).toList());
        return predicted;
    }

    private static void publishImages(String prefix, int from, int to) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int index = i % images.size();
            records.add(new ProducerRecord<>(
                    Topics.IMAGES_INPUT,
                    prefix + i,
                    JsonCodec.toBytes(
                            InputImage.ofPixels(prefix + i, images.images().get(index), images.labels()[index]))));
        }
        broker.send(records);
    }
}
