package dev.fmnist.training;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.metrics.InputProfiler;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import dev.fmnist.training.service.ModelRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Shadow (challenger) models in the registry, on a real broker and PostgreSQL: a model trained here (real DL4J, on
 * an unbalanced slice of the fixture) is the champion, four registered versions are the challengers. Shadow and
 * unshadow by REST with their refusals (production, unknown, the limit of 3, not in shadow) and their ModelEvents on
 * {@code fmnist.models}, each with the model's reference input profile; a promotion from SHADOW archives the old
 * production model. What this class changed is put back afterwards (the registry is shared with the other classes).
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShadowModelsTest {

    static final String DATASET = "shadow-mini";
    /** The first 400 training images of the fixture: their classes are not balanced. */
    static final int IMAGES = 400;

    static KafkaTestClient kafka;
    static TrainingData train;
    static String productionBefore;
    static String championId;
    static final List<String> challengers = new ArrayList<>();

    @Inject
    ModelRegistry registry;

    @BeforeEach
    void aChampionAndFourChallengersOnce() throws Exception {
        if (kafka != null) {
            return;
        }
        kafka = new KafkaTestClient(SharedTestPlatform.get().bootstrapServers());
        productionBefore = given().get("/models?status=PRODUCTION")
                .then()
                .extract()
                .jsonPath()
                .getString("model.modelId[0]");
        train = IdxFiles.read(Fixtures.fashionMnistMini(), "train")
                .subset(IntStream.range(0, IMAGES).toArray());
        DatasetSplit split = FixtureSplits.publish(kafka, DATASET, "train", train);
        DatasetReady ready = new DatasetReady(
                DATASET + "-" + split.contentHash().substring(0, 12),
                DATASET,
                split.contentHash(),
                "fixture slice",
                "idx",
                List.of(split),
                Instant.now());
        kafka.send(Topics.DATASETS, ready.datasetId(), ready);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/datasets").then().body("datasetId", hasItem(ready.datasetId())));

        String jobId = given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "dataset",
                        ready.datasetId(),
                        "architecture",
                        "softmax",
                        "epochs",
                        1,
                        "batchSize",
                        64,
                        "seed",
                        11,
                        "modelName",
                        "shadow-champion"))
                .post("/jobs")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var job = given().get("/jobs/" + jobId);
                    return job.statusCode() == 200
                            && List.of("COMPLETED", "FAILED", "CANCELLED")
                                    .contains(job.then().extract().<String>path("status"));
                });
        JsonPath job = given().get("/jobs/" + jobId).then().extract().jsonPath();
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        championId = job.getString("modelId");
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/" + championId + "/promote?reason=champion of ShadowModelsTest")
                .then()
                .statusCode(200)
                .body("model.status", equalTo("PRODUCTION"));

        byte[] artifact = given().get("/models/" + championId + "/artifact")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        InputProfile reference = profile(train);
        for (int i = 1; i <= 4; i++) {
            // with a model in production and no test split, the gate keeps each one REGISTERED
            ModelRegistry.Candidate candidate = new ModelRegistry.Candidate(
                    "shadow-challenger",
                    "softmax",
                    Map.of("variant", i),
                    ready.datasetId(),
                    ready.contentHash(),
                    null,
                    "shadow-challenger-job-" + i,
                    null,
                    null,
                    10,
                    1.0,
                    "test",
                    "test",
                    artifact,
                    reference);
            challengers.add(registry.register(candidate, null).modelId());
        }
        assertThat(challengers)
                .allSatisfy(id -> given().get("/models/" + id).then().body("model.status", equalTo("REGISTERED")));
    }

    /** Puts back what the other classes expect: no model of this class in shadow or production. */
    @AfterAll
    static void putBackTheRegistry() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        var platform = SharedTestPlatform.get();
        try (Connection c = DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password())) {
            update(c, "update training.model_version set status = 'REGISTERED' where status = 'SHADOW'", null);
            update(c, "update training.model_version set status = 'ARCHIVED' where status = 'PRODUCTION'", null);
            if (productionBefore != null) {
                update(
                        c,
                        "update training.model_version set status = 'PRODUCTION' where model_id = ?",
                        productionBefore);
            }
        }
    }

    @Test
    @Order(1)
    void aRegisteredModelGoesInShadowAndBackWithItsReasonAndWhoAskedInTheHistory() {
        String id = challengers.get(0);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/" + id + "/shadow?reason=challenger one")
                .then()
                .statusCode(200)
                .body("model.status", equalTo("SHADOW"))
                .body("history[-1].status", equalTo("SHADOW"))
                .body("history[-1].previousStatus", equalTo("REGISTERED"))
                .body("history[-1].reason", equalTo("challenger one"))
                .body("history[-1].changedBy", equalTo("test-operator"));
        // again: unchanged, nothing added
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/" + id + "/shadow?reason=twice")
                .then()
                .statusCode(200)
                .body("model.status", equalTo("SHADOW"))
                .body("history.size()", equalTo(2));
        given().get("/models?status=SHADOW").then().statusCode(200).body("model.modelId", equalTo(List.of(id)));
        given().get("/models?status=shadow").then().statusCode(200).body("model.modelId", equalTo(List.of(id)));

        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/models/" + id + "/shadow")
                .then()
                .statusCode(200)
                .body("model.status", equalTo("REGISTERED"))
                .body("history[-1].previousStatus", equalTo("SHADOW"))
                .body("history[-1].reason", equalTo("taken out of shadow"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/models/" + id + "/shadow")
                .then()
                .statusCode(409)
                .body("error", equalTo("Conflict"))
                .body("reason", equalTo("model " + id + " is not in shadow (it is REGISTERED)"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kafka.values(Topics.MODELS, id, ModelEvent.class))
                        .extracting(ModelEvent::status, ModelEvent::previousStatus, ModelEvent::reason)
                        .containsExactly(
                                tuple(
                                        ModelStatus.REGISTERED,
                                        null,
                                        "registered by job shadow-challenger-job-1; gate: no test"
                                                + " split to compare with the production model"),
                                tuple(ModelStatus.SHADOW, ModelStatus.REGISTERED, "challenger one"),
                                tuple(ModelStatus.REGISTERED, ModelStatus.SHADOW, "taken out of shadow")));
    }

    @Test
    @Order(2)
    void theProductionModelAnUnknownOneAndCallsWithoutTheOperatorRoleAreRefusedAndChangeNothing() {
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/" + championId + "/shadow")
                .then()
                .statusCode(409)
                .body("reason", startsWith("model " + championId + " is in production"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/no-such-model/shadow")
                .then()
                .statusCode(404)
                .body("reason", equalTo("no model no-such-model"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/models/no-such-model/shadow")
                .then()
                .statusCode(404);
        String id = challengers.get(1);
        given().post("/models/" + id + "/shadow").then().statusCode(401);
        given().auth()
                .oauth2(OperatorTokens.viewer())
                .post("/models/" + id + "/shadow")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(OperatorTokens.viewer())
                .delete("/models/" + id + "/shadow")
                .then()
                .statusCode(403);
        given().get("/models/" + id).then().body("model.status", equalTo("REGISTERED"));
        given().get("/models/" + championId).then().body("model.status", equalTo("PRODUCTION"));
        given().get("/models?status=SHADOW").then().body("model.modelId", equalTo(List.of()));
    }

    @Test
    @Order(3)
    void atMostThreeModelsAreInShadowAtOnce() {
        for (String id : challengers.subList(0, 3)) {
            shadow(id).then().statusCode(200).body("model.status", equalTo("SHADOW"));
        }
        String fourth = challengers.get(3);
        shadow(fourth)
                .then()
                .statusCode(409)
                .body(
                        "reason",
                        equalTo("model " + fourth + " cannot be put in shadow: 3 models are in shadow already, the"
                                + " limit fmnist.training.registry.max-shadows is 3 (unshadow one first)"));
        given().get("/models/" + fourth).then().body("model.status", equalTo("REGISTERED"));
        assertThat(given().get("/models?status=SHADOW")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("model.modelId"))
                .containsExactlyInAnyOrderElementsOf(challengers.subList(0, 3));
    }

    @Test
    @Order(4)
    void aModelPromotedFromShadowReplacesProductionAndTheOldOneCanGoInShadowFromArchived() {
        String challenger = challengers.get(0);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/" + challenger + "/promote?reason=better on live data")
                .then()
                .statusCode(200)
                .body("model.status", equalTo("PRODUCTION"))
                .body("history[-1].previousStatus", equalTo("SHADOW"))
                .body("history[-1].changedBy", equalTo("test-operator"));
        given().get("/models/" + championId)
                .then()
                .body("model.status", equalTo("ARCHIVED"))
                .body("history[-1].reason", equalTo("replaced by " + challenger + " (better on live data)"));
        given().get("/models?status=PRODUCTION").then().body("model.modelId", equalTo(List.of(challenger)));
        given().get("/models?status=SHADOW").then().body("model.modelId", not(hasItem(challenger)));

        // two in shadow now: the archived champion may join them
        shadow(championId)
                .then()
                .statusCode(200)
                .body("model.status", equalTo("SHADOW"))
                .body("history[-1].previousStatus", equalTo("ARCHIVED"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ModelEvent> promoted = kafka.values(Topics.MODELS, challenger, ModelEvent.class);
            assertThat(promoted.get(promoted.size() - 1))
                    .extracting(ModelEvent::status, ModelEvent::previousStatus, ModelEvent::reason)
                    .containsExactly(ModelStatus.PRODUCTION, ModelStatus.SHADOW, "better on live data");
            assertThat(kafka.values(Topics.MODELS, championId, ModelEvent.class))
                    .extracting(ModelEvent::status)
                    .endsWith(ModelStatus.PRODUCTION, ModelStatus.ARCHIVED, ModelStatus.SHADOW);
        });
    }

    @Test
    @Order(5)
    void everyEventOfAModelCarriesTheProfileOfTheTrainingSplitItWasTrainedOn() {
        long[] counts = train.classCounts();
        double[] shares = new double[FashionLabels.COUNT];
        for (int label = 0; label < shares.length; label++) {
            shares[label] = (double) counts[label] / IMAGES;
        }
        assertThat(shares).as("an unbalanced slice").isNotEqualTo(new double[] {.1, .1, .1, .1, .1, .1, .1, .1, .1, .1
        });
        double meanGrey = train.images().stream()
                .mapToDouble(image -> {
                    long sum = 0;
                    for (byte pixel : image) {
                        sum += pixel & 0xFF;
                    }
                    return (double) sum / image.length;
                })
                .average()
                .orElseThrow();

        JsonPath champion =
                given().get("/models/" + championId).then().extract().jsonPath();
        assertThat(champion.getLong("model.reference.images")).isEqualTo(IMAGES);
        assertThat(champion.getList("model.reference.classShare", Double.class)).containsExactly(boxed(shares));
        assertThat(champion.getDouble("model.reference.meanGreyLevel")).isCloseTo(meanGrey, offset(1e-4));
        assertThat(champion.getList("model.reference.meanGrey")).hasSize(InputProfiler.GREY_BINS);
        assertThat(champion.getList("model.reference.background")).hasSize(InputProfiler.BACKGROUND_BINS);

        List<ModelEvent> events = kafka.values(Topics.MODELS, championId, ModelEvent.class);
        assertThat(events)
                .extracting(ModelEvent::status)
                .containsExactly(
                        ModelStatus.REGISTERED, ModelStatus.PRODUCTION, ModelStatus.ARCHIVED, ModelStatus.SHADOW);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.reference()).isNotNull();
            assertThat(e.reference().images()).isEqualTo(IMAGES);
            assertThat(e.reference().classShare()).containsExactly(shares, offset(1e-12));
            assertThat(e.reference().meanGreyLevel()).isCloseTo(meanGrey, offset(1e-4));
        });
        for (String id : challengers) {
            assertThat(kafka.values(Topics.MODELS, id, ModelEvent.class))
                    .allSatisfy(e -> assertThat(e.reference().classShare()).containsExactly(shares, offset(1e-12)));
        }
    }

    private static io.restassured.response.Response shadow(String id) {
        return given().auth().oauth2(OperatorTokens.operator()).post("/models/" + id + "/shadow");
    }

    private static InputProfile profile(TrainingData data) {
        InputProfiler profiler = new InputProfiler();
        for (int i = 0; i < data.size(); i++) {
            profiler.add(data.images().get(i), data.labels()[i]);
        }
        return profiler.profile();
    }

    private static Double[] boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
    }

    private static void update(Connection c, String sql, String parameter) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            s.executeUpdate();
        }
    }
}
