package dev.fmnist.training;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.platform.testing.Fixtures;
import dev.fmnist.platform.testing.PlatformTestResource;
import dev.fmnist.platform.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The service end to end on a real broker, a real PostgreSQL and real DL4J: the real-image fixture is published to
 * its dataset topics here (the ingest-service is not part of this module), jobs train from Kafka, models land in the
 * registry.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingServiceTest {

    static final String DATASET = "fashion-mnist-mini";
    static final String DATASET_ID = DATASET + "-0f1e2d3c";
    /** Measured: this recipe reaches 0.80-0.83 on the fixture's 500 test images (10% is chance). */
    static final double ACCURACY_FLOOR = 0.74;
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);

    static KafkaTestClient kafka;
    static TrainingData fixtureTest;
    static String firstModelId;

    @BeforeEach
    void publishTheFixtureOnce() throws Exception {
        if (kafka != null) {
            return;
        }
        kafka = new KafkaTestClient(SharedTestPlatform.get().bootstrapServers());
        TrainingData train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
        fixtureTest = IdxFiles.read(Fixtures.fashionMnistMini(), "t10k");
        DatasetSplit trainSplit = publish("train", train);
        DatasetSplit testSplit = publish("test", fixtureTest);
        // the same images again (a re-published dataset keeps its ids) and one broken record: read once / skipped
        for (int i = 0; i < 20; i++) {
            kafka.sendAsync(trainSplit.topic(), key("train", i), InputImage.ofPixels(key("train", i),
                    train.images().get(i), train.labels()[i]));
        }
        kafka.sendRaw(trainSplit.topic(), DATASET + "/train/broken", "{\"id\":\"x\",\"pixels\":\"AAAA\"}"
                .getBytes(StandardCharsets.UTF_8));
        kafka.flush();
        kafka.send(Topics.DATASETS, DATASET_ID, new DatasetReady(DATASET_ID, DATASET, "content-hash-of-the-fixture",
                "fixture", "idx", List.of(trainSplit, testSplit), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/datasets").then()
                .statusCode(200).body("datasetId", org.hamcrest.Matchers.hasItem(DATASET_ID)));
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Test
    @Order(1)
    void aSmallJobTrainsFromTheDatasetTopicAndItsModelIsRegisteredAndServed() throws Exception {
        String jobId = submit(Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 6, "batchSize", 64,
                "learningRate", 0.002, "seed", 7, "modelName", "fixture-mlp",
                "params", Map.of("hiddenLayers", List.of(128))));
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        firstModelId = job.getString("modelId");

        // progress: one event per epoch with accuracies, batch reports in between, then COMPLETED
        List<TrainingProgress> progress = kafka.values(Topics.TRAINING_PROGRESS, jobId, TrainingProgress.class);
        assertThat(progress).filteredOn(p -> p.status() == JobStatus.RUNNING && p.batch() == null
                        && p.trainAccuracy() != null)
                .extracting(TrainingProgress::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(progress).filteredOn(p -> p.trainAccuracy() != null).allSatisfy(p -> {
            assertThat(p.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(p.loss()).isPositive();
            assertThat(p.imagesPerSecond()).isPositive();
        });
        assertThat(progress).anySatisfy(p -> assertThat(p.batch()).isEqualTo(5));
        assertThat(progress.get(progress.size() - 1).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(progress.get(progress.size() - 1).modelId()).isEqualTo(firstModelId);

        // registry: the first model goes to production, with test metrics on the fixture's 500 test images
        JsonPath model = given().get("/models/" + firstModelId).then().statusCode(200).extract().jsonPath();
        assertThat(model.getString("model.status")).isEqualTo("PRODUCTION");
        assertThat(model.getInt("model.version")).isEqualTo(1);
        assertThat(model.getString("model.datasetId")).isEqualTo(DATASET_ID);
        assertThat(model.getLong("model.test.count")).isEqualTo(500);
        assertThat(model.getLong("model.validation.count")).as("1,600 unique images, 10% held out").isEqualTo(160);
        double testAccuracy = model.getDouble("model.test.accuracy");
        System.out.printf("fixture mlp job: test accuracy %.4f, validation %.4f%n", testAccuracy,
                model.getDouble("model.validation.accuracy"));
        assertThat(testAccuracy).isGreaterThan(ACCURACY_FLOOR);
        assertThat(model.getList("model.test.perClass")).hasSize(10);
        assertThat(model.getList("history.status")).containsExactly("REGISTERED", "PRODUCTION");
        assertThat(model.getString("artifactUrl"))
                .isEqualTo("http://localhost:8082/models/" + firstModelId + "/artifact");

        // the file in PostgreSQL, its download, and identical predictions after reloading it
        byte[] stored = storedArtifact(firstModelId);
        byte[] downloaded = given().get("/models/" + firstModelId + "/artifact").then().statusCode(200)
                .header("X-Artifact-Sha256", model.getString("model.artifactSha256")).extract().asByteArray();
        assertThat(downloaded).isEqualTo(stored);
        assertThat(sha256(downloaded)).isEqualTo(model.getString("model.artifactSha256"));
        ModelBundle reloaded = ModelBundle.fromBytes(downloaded);
        assertThat(reloaded.metadata().architecture()).isEqualTo("mlp");
        ConfusionMatrix again = ModelEvaluator.evaluate(reloaded, fixtureTest);
        long[][] registered = model.getObject("model.test.confusionMatrix", long[][].class);
        assertThat(again.toArray()).isDeepEqualTo(registered);
        double[][] first = reloaded.classifier().predictProbabilities(fixtureTest.images().subList(0, 50));
        double[][] second = ModelBundle.fromBytes(stored).classifier()
                .predictProbabilities(fixtureTest.images().subList(0, 50));
        assertThat(second).isDeepEqualTo(first);

        // events on fmnist.models
        List<ModelEvent> events = kafka.values(Topics.MODELS, firstModelId, ModelEvent.class);
        assertThat(events).extracting(ModelEvent::status)
                .containsExactly(ModelStatus.REGISTERED, ModelStatus.PRODUCTION);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.artifactSha256()).isEqualTo(model.getString("model.artifactSha256"));
            assertThat(e.artifactUrl()).endsWith("/models/" + firstModelId + "/artifact");
            assertThat(e.metrics()).containsEntry("testAccuracy", testAccuracy);
            assertThat(e.jobId()).isEqualTo(jobId);
        });
    }

    @Test
    @Order(2)
    void theGateKeepsAWorseModelOutOfProductionUntilPromotedByHand() {
        String jobId = submit(Map.of("dataset", DATASET_ID, "architecture", "softmax", "epochs", 1,
                "batchSize", 256, "learningRate", 0.0005, "modelName", "fixture-mlp",
                "params", Map.of("optimizer", "sgd")));
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        String weakId = job.getString("modelId");

        JsonPath weak = given().get("/models/" + weakId).then().statusCode(200).extract().jsonPath();
        assertThat(weak.getString("model.status")).isEqualTo("REGISTERED");
        assertThat(weak.getInt("model.version")).isEqualTo(2);
        assertThat(weak.getString("history[0].reason")).contains("kept out of production");
        given().get("/models?status=PRODUCTION").then().statusCode(200).body("model.modelId",
                org.hamcrest.Matchers.contains(firstModelId));

        // by hand: promote the weak one, then roll back to the first
        Tokens.asOperator().post("/models/" + weakId + "/promote").then().statusCode(200).body("model.status",
                equalTo("PRODUCTION"));
        given().get("/models/" + firstModelId).then().body("model.status", equalTo("ARCHIVED"));
        Tokens.asOperator().post("/models/rollback").then().statusCode(200).body("model.modelId", equalTo(firstModelId))
                .body("model.status", equalTo("PRODUCTION"));
        given().get("/models/" + weakId).then().body("model.status", equalTo("ARCHIVED"))
                .body("history.status", org.hamcrest.Matchers.contains("REGISTERED", "PRODUCTION", "ARCHIVED"));
        assertThat(kafka.values(Topics.MODELS, firstModelId, ModelEvent.class)).extracting(ModelEvent::status)
                .containsExactly(ModelStatus.REGISTERED, ModelStatus.PRODUCTION, ModelStatus.ARCHIVED,
                        ModelStatus.PRODUCTION);
    }

    @Test
    @Order(3)
    void badJobsAreRefusedWithReasonsAndTheNextGoodJobStillRuns() {
        Tokens.asOperator()
                .contentType(ContentType.JSON).body(Map.of("dataset", DATASET, "architecture", "resnet", "epochs", 1))
                .post("/jobs").then().statusCode(400).body("status", equalTo(400))
                .body("error", equalTo("Bad Request")).body("rule", equalTo("unknown-architecture"))
                .body("reason", startsWith("unknown-architecture: "));
        Tokens.asOperator()
                .contentType(ContentType.JSON).body(Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 0))
                .post("/jobs").then().statusCode(400).body("reason", containsString("epochs"));
        Tokens.asOperator()
                .contentType(ContentType.JSON).body(Map.of("dataset", "nope", "architecture", "mlp", "epochs", 1))
                .post("/jobs").then().statusCode(400).body("rule", equalTo("unknown-dataset"));
        Tokens.asOperator()
                .contentType(ContentType.JSON).body(Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 1,
                        "params", Map.of("activation", "swish")))
                .post("/jobs").then().statusCode(400).body("reason", containsString("activation"));

        // straight onto the topic: garbage, an unknown architecture, an unknown dataset, then a good job
        kafka.sendRaw(Topics.TRAINING_JOBS, "bad-json", "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.TRAINING_JOBS, "bad-arch", new TrainingJob("bad-arch", DATASET, "transformer", 1, null,
                null, null, null, null, null));
        kafka.send(Topics.TRAINING_JOBS, "bad-dataset", new TrainingJob("bad-dataset", "mnist-digits", "mlp", 1,
                null, null, null, null, null, null));
        kafka.send(Topics.TRAINING_JOBS, "good-after-bad", new TrainingJob("good-after-bad", DATASET, "softmax", 1,
                128, 0.01, 1L, "fixture-softmax", Map.of(), null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Rejection> rejected = kafka.readAll(Topics.REJECTED).stream()
                    .filter(r -> List.of("bad-json", "bad-arch", "bad-dataset").contains(r.key()))
                    .map(r -> dev.fmnist.contracts.json.JsonCodec.fromJson(r.value(), Rejection.class)).toList();
            assertThat(rejected).extracting(Rejection::key, r -> r.reason().split(":")[0]).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("bad-json", "invalid-json"),
                    org.assertj.core.groups.Tuple.tuple("bad-arch", "unknown-architecture"),
                    org.assertj.core.groups.Tuple.tuple("bad-dataset", "unknown-dataset"));
            assertThat(rejected).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.TRAINING_JOBS));
        });
        JsonPath good = awaitEnd("good-after-bad");
        assertThat(good.getString("status")).as(good.prettify()).isEqualTo("COMPLETED");
        given().get("/jobs/bad-arch").then().statusCode(404).body("error", equalTo("Not Found"))
                .body("reason", equalTo("no job bad-arch")).body("$", not(hasKey("rule")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fmnist_training_jobs_total{status=\"COMPLETED\"}"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(4)
    void aRunningJobCanBeCancelled() {
        String jobId = submit(Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 500, "batchSize", 32));
        await().atMost(JOB_TIMEOUT).until(() -> kafka.values(Topics.TRAINING_PROGRESS, jobId, TrainingProgress.class)
                .stream().anyMatch(p -> p.batch() != null));
        Tokens.asOperator().delete("/jobs/" + jobId).then().statusCode(202);
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).isEqualTo("CANCELLED");
        assertThat(job.getString("message")).contains("cancelled");
        assertThat(job.getString("modelId")).isNull();
        Tokens.asOperator().delete("/jobs/" + jobId).then().statusCode(409).body("error", equalTo("Conflict"))
                .body("reason", equalTo("job " + jobId + " already ended as CANCELLED"));
    }

    private static String submit(Map<String, Object> job) {
        return Tokens.asOperator().contentType(ContentType.JSON).body(job).post("/jobs").then().statusCode(202)
                .extract().path("jobId");
    }

    private static JsonPath awaitEnd(String jobId) {
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            int status = given().get("/jobs/" + jobId).statusCode();
            if (status != 200) {
                return false;
            }
            String state = given().get("/jobs/" + jobId).then().extract().path("status");
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(state);
        });
        return given().get("/jobs/" + jobId).then().extract().jsonPath();
    }

    private static DatasetSplit publish(String split, TrainingData data) throws Exception {
        return FixtureSplits.publish(kafka, DATASET, split, data);
    }

    private static String key(String split, int index) {
        return FixtureSplits.key(DATASET, split, index);
    }

    private static byte[] storedArtifact(String modelId) throws Exception {
        var platform = SharedTestPlatform.get();
        try (Connection c = DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password());
             PreparedStatement s = c.prepareStatement(
                     "select artifact, artifact_sha256 from training.model_version where model_id = ?")) {
            s.setString(1, modelId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("model row in PostgreSQL").isTrue();
                byte[] artifact = rs.getBytes(1);
                assertThat(sha256(artifact)).isEqualTo(rs.getString(2));
                return artifact;
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
