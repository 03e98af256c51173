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
import dev.fmnist.ml.ModelProvenance;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import dev.fmnist.training.service.Backoff;
import dev.fmnist.training.service.ModelEventRelay;
import dev.fmnist.training.service.ModelRegistry;
import dev.fmnist.training.service.Outbox;
import dev.fmnist.training.service.TrainingEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
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
    static String weakModelId;

    @Inject
    ModelRegistry registry;

    @Inject
    ModelEventRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    TrainingEvents events;

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
            kafka.sendAsync(
                    trainSplit.topic(),
                    key("train", i),
                    InputImage.ofPixels(key("train", i), train.images().get(i), train.labels()[i]));
        }
        kafka.sendRaw(
                trainSplit.topic(),
                DATASET + "/train/broken",
                "{\"id\":\"x\",\"pixels\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8));
        kafka.flush();
        kafka.send(
                Topics.DATASETS,
                DATASET_ID,
                new DatasetReady(
                        DATASET_ID,
                        DATASET,
                        "content-hash-of-the-fixture",
                        "fixture",
                        "idx",
                        List.of(trainSplit, testSplit),
                        Instant.now()));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/datasets")
                        .then()
                        .statusCode(200)
                        .body("datasetId", org.hamcrest.Matchers.hasItem(DATASET_ID)));
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
        String jobId = submit(Map.of(
                "dataset",
                DATASET,
                "architecture",
                "mlp",
                "epochs",
                6,
                "batchSize",
                64,
                "learningRate",
                0.002,
                "seed",
                7,
                "modelName",
                "fixture-mlp",
                "params",
                Map.of("hiddenLayers", List.of(128))));
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        firstModelId = job.getString("modelId");

        // progress: one event per epoch with accuracies, batch reports in between, then COMPLETED
        List<TrainingProgress> progress = kafka.values(Topics.TRAINING_PROGRESS, jobId, TrainingProgress.class);
        assertThat(progress)
                .filteredOn(p -> p.status() == JobStatus.RUNNING && p.batch() == null && p.trainAccuracy() != null)
                .extracting(TrainingProgress::epoch)
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(progress).filteredOn(p -> p.trainAccuracy() != null).allSatisfy(p -> {
            assertThat(p.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(p.loss()).isPositive();
            assertThat(p.imagesPerSecond()).isPositive();
        });
        assertThat(progress).anySatisfy(p -> assertThat(p.batch()).isEqualTo(5));
        assertThat(progress.get(progress.size() - 1).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(progress.get(progress.size() - 1).modelId()).isEqualTo(firstModelId);

        // registry: the first model goes to production, with test metrics on the fixture's 500 test images
        JsonPath model = given().get("/models/" + firstModelId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(model.getString("model.status")).isEqualTo("PRODUCTION");
        assertThat(model.getInt("model.version")).isEqualTo(1);
        assertThat(model.getString("model.datasetId")).isEqualTo(DATASET_ID);
        assertThat(model.getLong("model.test.count")).isEqualTo(500);
        assertThat(model.getLong("model.validation.count"))
                .as("1,600 unique images, 10% held out")
                .isEqualTo(160);
        double testAccuracy = model.getDouble("model.test.accuracy");
        System.out.printf(
                "fixture mlp job: test accuracy %.4f, validation %.4f%n",
                testAccuracy, model.getDouble("model.validation.accuracy"));
        assertThat(testAccuracy).isGreaterThan(ACCURACY_FLOOR);
        assertThat(model.getList("model.test.perClass")).hasSize(10);
        assertThat(model.getList("history.status")).containsExactly("REGISTERED", "PRODUCTION");
        // the job carries the gate's decision: the status it gave the model, and why
        assertThat(job.getString("promotion.status")).isEqualTo("PRODUCTION");
        assertThat(job.getString("promotion.reason"))
                .startsWith("gate: ")
                .isEqualTo(model.getString("history[1].reason"));
        assertThat(model.getString("artifactUrl"))
                .isEqualTo("http://localhost:8082/models/" + firstModelId + "/artifact");

        // the file in PostgreSQL, its download, and identical predictions after reloading it
        byte[] stored = storedArtifact(firstModelId);
        byte[] downloaded = given().get("/models/" + firstModelId + "/artifact")
                .then()
                .statusCode(200)
                .header("X-Artifact-Sha256", model.getString("model.artifactSha256"))
                .extract()
                .asByteArray();
        assertThat(downloaded).isEqualTo(stored);
        assertThat(sha256(downloaded)).isEqualTo(model.getString("model.artifactSha256"));
        ModelBundle reloaded = ModelBundle.fromBytes(downloaded);
        assertThat(reloaded.metadata().architecture()).isEqualTo("mlp");
        ConfusionMatrix again = ModelEvaluator.evaluate(reloaded, fixtureTest);
        long[][] registered = model.getObject("model.test.confusionMatrix", long[][].class);
        assertThat(again.toArray()).isDeepEqualTo(registered);
        double[][] first =
                reloaded.classifier().predictProbabilities(fixtureTest.images().subList(0, 50));
        double[][] second = ModelBundle.fromBytes(stored)
                .classifier()
                .predictProbabilities(fixtureTest.images().subList(0, 50));
        assertThat(second).isDeepEqualTo(first);
        // the file says where it came from
        ModelProvenance provenance = reloaded.metadata().provenance();
        assertThat(provenance).isNotNull();
        assertThat(provenance.datasetId()).isEqualTo(DATASET_ID);
        assertThat(provenance.datasetHash()).isNotBlank();
        assertThat(provenance.jobId()).isEqualTo(jobId);
        assertThat(provenance.seed()).isEqualTo(7L);
        assertThat(provenance.test().accuracy()).isEqualTo(testAccuracy);
        assertThat(provenance.validation().images()).isEqualTo(160);
        assertThat(provenance.trainedAt()).isNotNull();
        assertThat(reloaded.metadata().hyperParameters()).containsEntry("hiddenLayers", List.of(128));

        // events on fmnist.models
        List<ModelEvent> events = kafka.values(Topics.MODELS, firstModelId, ModelEvent.class);
        assertThat(events)
                .extracting(ModelEvent::status)
                .containsExactly(ModelStatus.REGISTERED, ModelStatus.PRODUCTION);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.artifactSha256()).isEqualTo(model.getString("model.artifactSha256"));
            assertThat(e.artifactUrl()).endsWith("/models/" + firstModelId + "/artifact");
            assertThat(e.metrics()).containsEntry("testAccuracy", testAccuracy);
            assertThat(e.jobId()).isEqualTo(jobId);
            // the reference of drift alerts: the training split it was trained on, 160 images of each class
            assertThat(e.reference().images()).isEqualTo(Fixtures.MINI_TRAIN_COUNT);
            assertThat(e.reference().classShare())
                    .containsExactly(new double[] {.1, .1, .1, .1, .1, .1, .1, .1, .1, .1}, within(1e-12));
        });
        assertThat(model.getLong("model.reference.images")).isEqualTo(Fixtures.MINI_TRAIN_COUNT);
    }

    @Test
    @Order(2)
    void theGateKeepsAWorseModelOutOfProductionUntilPromotedByHand() {
        String jobId = submit(Map.of(
                "dataset",
                DATASET_ID,
                "architecture",
                "softmax",
                "epochs",
                1,
                "batchSize",
                256,
                "learningRate",
                0.0005,
                "modelName",
                "fixture-mlp",
                "params",
                Map.of("optimizer", "sgd")));
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        String weakId = job.getString("modelId");
        weakModelId = weakId;

        JsonPath weak = given().get("/models/" + weakId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(weak.getString("model.status")).isEqualTo("REGISTERED");
        assertThat(weak.getInt("model.version")).isEqualTo(2);
        assertThat(weak.getString("history[0].reason")).contains("kept out of production");
        assertThat(job.getString("promotion.status")).isEqualTo("REGISTERED");
        assertThat(job.getString("promotion.reason"))
                .startsWith("gate: test accuracy ")
                .endsWith("kept out of production");
        assertThat(weak.getString("history[0].reason")).endsWith("; " + job.getString("promotion.reason"));
        given().get("/models?status=PRODUCTION")
                .then()
                .statusCode(200)
                .body("model.modelId", org.hamcrest.Matchers.contains(firstModelId));

        // by hand: promote the weak one, then roll back to the first
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/" + weakId + "/promote")
                .then()
                .statusCode(200)
                .body("model.status", equalTo("PRODUCTION"));
        given().get("/models/" + firstModelId).then().body("model.status", equalTo("ARCHIVED"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/rollback")
                .then()
                .statusCode(200)
                .body("model.modelId", equalTo(firstModelId))
                .body("model.status", equalTo("PRODUCTION"));
        given().get("/models/" + weakId)
                .then()
                .body("model.status", equalTo("ARCHIVED"))
                .body("history.status", org.hamcrest.Matchers.contains("REGISTERED", "PRODUCTION", "ARCHIVED"));
        assertThat(kafka.values(Topics.MODELS, firstModelId, ModelEvent.class))
                .extracting(ModelEvent::status)
                .containsExactly(
                        ModelStatus.REGISTERED, ModelStatus.PRODUCTION, ModelStatus.ARCHIVED, ModelStatus.PRODUCTION);
    }

    @Test
    @Order(3)
    void badJobsAreRefusedWithReasonsAndTheNextGoodJobStillRuns() {
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("dataset", DATASET, "architecture", "resnet", "epochs", 1))
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("status", equalTo(400))
                .body("error", equalTo("Bad Request"))
                .body("rule", equalTo("unknown-architecture"))
                .body("reason", startsWith("unknown-architecture: "));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 0))
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("reason", containsString("epochs"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("dataset", "nope", "architecture", "mlp", "epochs", 1))
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("rule", equalTo("unknown-dataset"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "dataset",
                        DATASET,
                        "architecture",
                        "mlp",
                        "epochs",
                        1,
                        "params",
                        Map.of("activation", "swish")))
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("reason", containsString("activation"));

        // straight onto the topic: garbage, an unknown architecture, an unknown dataset, then a good job
        kafka.sendRaw(Topics.TRAINING_JOBS, "bad-json", "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.send(
                Topics.TRAINING_JOBS,
                "bad-arch",
                new TrainingJob("bad-arch", DATASET, "transformer", 1, null, null, null, null, null, null));
        kafka.send(
                Topics.TRAINING_JOBS,
                "bad-dataset",
                new TrainingJob("bad-dataset", "mnist-digits", "mlp", 1, null, null, null, null, null, null));
        kafka.send(
                Topics.TRAINING_JOBS,
                "good-after-bad",
                new TrainingJob(
                        "good-after-bad", DATASET, "softmax", 1, 128, 0.01, 1L, "fixture-softmax", Map.of(), null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Rejection> rejected = kafka.readAll(Topics.REJECTED).stream()
                    .filter(r -> List.of("bad-json", "bad-arch", "bad-dataset").contains(r.key()))
                    .map(r -> dev.fmnist.contracts.json.JsonCodec.fromJson(r.value(), Rejection.class))
                    .toList();
            assertThat(rejected)
                    .extracting(Rejection::key, r -> r.reason().split(":")[0])
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("bad-json", "invalid-json"),
                            org.assertj.core.groups.Tuple.tuple("bad-arch", "unknown-architecture"),
                            org.assertj.core.groups.Tuple.tuple("bad-dataset", "unknown-dataset"));
            assertThat(rejected).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.TRAINING_JOBS));
        });
        JsonPath good = awaitEnd("good-after-bad");
        assertThat(good.getString("status")).as(good.prettify()).isEqualTo("COMPLETED");
        given().get("/jobs/bad-arch")
                .then()
                .statusCode(404)
                .body("error", equalTo("Not Found"))
                .body("reason", equalTo("no job bad-arch"))
                .body("$", not(hasKey("rule")));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fmnist_training_jobs_total{status=\"COMPLETED\"}"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(4)
    void aRunningJobCanBeCancelled() {
        String jobId = submit(Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 500, "batchSize", 32));
        await().atMost(JOB_TIMEOUT)
                .until(() -> kafka.values(Topics.TRAINING_PROGRESS, jobId, TrainingProgress.class).stream()
                        .anyMatch(p -> p.batch() != null));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/jobs/" + jobId)
                .then()
                .statusCode(202);
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).isEqualTo("CANCELLED");
        assertThat(job.getString("message")).contains("cancelled");
        assertThat(job.getString("modelId")).isNull();
        assertThat(job.<String, Object>getMap("")).as("no model, no decision").containsEntry("promotion", null);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/jobs/" + jobId)
                .then()
                .statusCode(409)
                .body("error", equalTo("Conflict"))
                .body("reason", equalTo("job " + jobId + " already ended as CANCELLED"));
    }

    @Test
    @Order(5)
    void aPromotionIsStoredWithItsEventsInOneTransactionAndPublishedOnceTheRelayRunsAgain() throws Exception {
        // production is the first model (test 2 rolled back to it), the weak one is ARCHIVED
        int firstEvents =
                kafka.values(Topics.MODELS, firstModelId, ModelEvent.class).size();
        int weakEvents =
                kafka.values(Topics.MODELS, weakModelId, ModelEvent.class).size();
        relay.stop();
        try {
            registry.promote(weakModelId, "outbox test");
            given().get("/models/" + weakModelId).then().body("model.status", equalTo("PRODUCTION"));
            given().get("/models/" + firstModelId).then().body("model.status", equalTo("ARCHIVED"));
            assertThat(outboxRows()).containsExactly(tuple(weakModelId, "PRODUCTION"), tuple(firstModelId, "ARCHIVED"));
            Thread.sleep(1500);
            assertThat(kafka.values(Topics.MODELS, weakModelId, ModelEvent.class))
                    .as("nothing published yet")
                    .hasSize(weakEvents);
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(outboxRows()).isEmpty();
            List<ModelEvent> weak = kafka.values(Topics.MODELS, weakModelId, ModelEvent.class);
            assertThat(weak).hasSize(weakEvents + 1);
            assertThat(weak.get(weak.size() - 1).status()).isEqualTo(ModelStatus.PRODUCTION);
            assertThat(weak.get(weak.size() - 1).reason()).isEqualTo("outbox test");
            List<ModelEvent> first = kafka.values(Topics.MODELS, firstModelId, ModelEvent.class);
            assertThat(first).hasSize(firstEvents + 1);
            assertThat(first.get(first.size() - 1).status()).isEqualTo(ModelStatus.ARCHIVED);
        });
    }

    @Test
    @Order(6)
    void whileKafkaCannotBeReachedTheRelayRetriesWithBackoffAndPublishesEverythingOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AtomicReference<ModelEventRelay.Publisher> kafkaNow = new AtomicReference<>();
        relay.stop();
        try (KafkaProducer<String, byte[]> dead = deadProducer(port)) {
            kafkaNow.set(event -> {
                try {
                    dead.send(new ProducerRecord<>(
                                    Topics.MODELS, event.modelId(), dev.fmnist.contracts.json.JsonCodec.toBytes(event)))
                            .get();
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            });
            ModelEventRelay cutOff = new ModelEventRelay(
                    outbox,
                    event -> kafkaNow.get().publish(event),
                    Duration.ofMillis(200),
                    100,
                    new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)));
            int firstEvents =
                    kafka.values(Topics.MODELS, firstModelId, ModelEvent.class).size();
            try {
                cutOff.start();
                // rollback: the weak model is archived, the first one is production again
                registry.rollback();
                await().atMost(Duration.ofSeconds(30)).until(() -> outboxAttempts() >= 3);
                assertThat(outboxRows())
                        .as("kept, in order, while Kafka is away")
                        .containsExactly(tuple(firstModelId, "PRODUCTION"), tuple(weakModelId, "ARCHIVED"));
                assertThat(cutOff.failures()).isGreaterThanOrEqualTo(3);
                assertThat(kafka.values(Topics.MODELS, firstModelId, ModelEvent.class))
                        .hasSize(firstEvents);

                kafkaNow.set(events::model); // Kafka is back
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(outboxRows()).isEmpty();
                    List<ModelEvent> first = kafka.values(Topics.MODELS, firstModelId, ModelEvent.class);
                    assertThat(first).hasSize(firstEvents + 1);
                    assertThat(first.get(first.size() - 1).status()).isEqualTo(ModelStatus.PRODUCTION);
                    List<ModelEvent> weak = kafka.values(Topics.MODELS, weakModelId, ModelEvent.class);
                    assertThat(weak.get(weak.size() - 1).status()).isEqualTo(ModelStatus.ARCHIVED);
                });
                assertThat(cutOff.published()).isEqualTo(2);
            } finally {
                cutOff.stop();
            }
        } finally {
            relay.start();
        }
    }

    @Test
    @Order(7)
    void aFailureAfterTheStatusUpdateRollsBackTheStatusChangeAndItsEventsTogether() throws Exception {
        int history = given().get("/models/" + weakModelId)
                .then()
                .extract()
                .jsonPath()
                .getList("history")
                .size();
        sql("create or replace function training.fail_outbox() returns trigger language plpgsql as"
                + " $$ begin raise exception 'forced failure after the status update'; end $$");
        sql("create trigger fail_outbox before insert on training.model_event_outbox"
                + " for each row execute function training.fail_outbox()");
        try {
            assertThatThrownBy(() -> registry.promote(weakModelId, "doomed"))
                    .hasMessageContaining("forced failure after the status update");
        } finally {
            sql("drop trigger fail_outbox on training.model_event_outbox");
            sql("drop function training.fail_outbox()");
        }
        given().get("/models/" + weakModelId)
                .then()
                .body("model.status", equalTo("ARCHIVED"))
                .body("history.size()", equalTo(history));
        given().get("/models?status=PRODUCTION")
                .then()
                .body("model.modelId", org.hamcrest.Matchers.contains(firstModelId));
        assertThat(outboxRows()).isEmpty();
    }

    @Test
    @Order(8)
    void aJobWhoseTopicHoldsOtherDataThanItsAnnouncementFailsWithTheReason() throws Exception {
        TrainingData train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
        TrainingData first100 = train.subset(IntStream.range(0, 100).toArray());

        // re-ingested with more images after the announcement: the count differs
        DatasetReady grown = announce("lineage-grown", first100);
        for (int i = 100; i < 110; i++) {
            kafka.sendAsync(
                    Topics.datasetSplit("lineage-grown", "train"),
                    FixtureSplits.key("lineage-grown", "train", i),
                    InputImage.ofPixels(
                            FixtureSplits.key("lineage-grown", "train", i),
                            train.images().get(i),
                            train.labels()[i]));
        }
        kafka.flush();
        // re-ingested with one image changed: same counts, other content
        DatasetReady changed = announce("lineage-changed", first100);
        byte[] other = train.images().get(500).clone();
        String key = FixtureSplits.key("lineage-changed", "train", 7);
        kafka.send(
                Topics.datasetSplit("lineage-changed", "train"),
                key,
                InputImage.ofPixels(key, other, train.labels()[7]));

        kafka.send(
                Topics.TRAINING_JOBS,
                "lineage-grown-job",
                new TrainingJob(
                        "lineage-grown-job", grown.datasetId(), "softmax", 1, 64, 0.01, 1L, "lineage", Map.of(), null));
        kafka.send(
                Topics.TRAINING_JOBS,
                "lineage-changed-job",
                new TrainingJob(
                        "lineage-changed-job",
                        changed.datasetId(),
                        "softmax",
                        1,
                        64,
                        0.01,
                        1L,
                        "lineage",
                        Map.of(),
                        null));
        JsonPath grownJob = awaitEnd("lineage-grown-job");
        assertThat(grownJob.getString("status")).as(grownJob.prettify()).isEqualTo("FAILED");
        assertThat(grownJob.getString("message"))
                .isEqualTo("lineage: split train of dataset " + grown.datasetId()
                        + " was announced with 100 images but topic fmnist.datasets.lineage-grown.train holds 110 labelled"
                        + " images (re-ingested with other data since?)");
        assertThat(grownJob.getString("modelId")).isNull();
        JsonPath changedJob = awaitEnd("lineage-changed-job");
        assertThat(changedJob.getString("status")).as(changedJob.prettify()).isEqualTo("FAILED");
        assertThat(changedJob.getString("message"))
                .startsWith("lineage: split train of dataset "
                        + changed.datasetId() + " announces content hash " + FixtureSplits.contentHash(first100)
                        + " but the images of topic fmnist.datasets.lineage-changed.train hash to ");
        List<TrainingProgress> progress =
                kafka.values(Topics.TRAINING_PROGRESS, "lineage-grown-job", TrainingProgress.class);
        assertThat(progress.get(progress.size() - 1).status()).isEqualTo(JobStatus.FAILED);
        assertThat(progress.get(progress.size() - 1).message()).startsWith("lineage: ");
    }

    @Test
    @Order(9)
    void aCandidateTheGatePromotesReplacesTheProductionModelInOneTransaction() throws Exception {
        byte[] artifact = storedArtifact(firstModelId);
        ModelBundle bundle = ModelBundle.fromBytes(artifact);
        // a candidate claiming 0.99 on the fixture's test split: the gate measures production there (about 0.8)
        ModelRegistry.Candidate candidate = new ModelRegistry.Candidate(
                "fixture-mlp",
                "mlp",
                bundle.metadata().hyperParameters(),
                DATASET_ID,
                "content-hash-of-the-fixture",
                "test-hash",
                "gate-replaces-production",
                null,
                new dev.fmnist.contracts.api.training.MetricsSummary(500, 0.99, 0.99, 0.99, List.of(), null),
                bundle.metadata().parameterCount(),
                1.0,
                "test",
                "test",
                artifact,
                null);
        String newId = registry.register(candidate, fixtureTest).modelId();

        given().get("/models/" + newId)
                .then()
                .body("model.status", equalTo("PRODUCTION"))
                .body("history.status", org.hamcrest.Matchers.contains("REGISTERED", "PRODUCTION"));
        given().get("/models/" + firstModelId).then().body("model.status", equalTo("ARCHIVED"));
        given().get("/models?status=PRODUCTION").then().body("model.modelId", org.hamcrest.Matchers.contains(newId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(kafka.values(Topics.MODELS, newId, ModelEvent.class))
                    .extracting(ModelEvent::status)
                    .containsExactly(ModelStatus.REGISTERED, ModelStatus.PRODUCTION);
            List<ModelEvent> first = kafka.values(Topics.MODELS, firstModelId, ModelEvent.class);
            assertThat(first.get(first.size() - 1).status()).isEqualTo(ModelStatus.ARCHIVED);
            assertThat(first.get(first.size() - 1).reason()).isEqualTo("replaced by " + newId);
        });
        // registering the same job again (a retry after a lost commit answer) changes nothing
        assertThat(registry.register(candidate, fixtureTest).modelId()).isEqualTo(newId);
        given().get("/models?status=PRODUCTION").then().body("model.modelId", org.hamcrest.Matchers.contains(newId));
        assertThat(kafka.values(Topics.MODELS, newId, ModelEvent.class)).hasSize(2);
    }

    @Test
    @Order(10)
    void aTrainedModelIsRegisteredOnceTheDatabaseIsBackInsteadOfBeingDropped() throws Exception {
        // the database answers every insert of this job's model with a connection failure (SQLSTATE 08006)
        sql("create sequence training.outage_attempts");
        sql("create or replace function training.outage() returns trigger language plpgsql as $$ begin"
                + " if new.job_id = 'outage-job' then perform nextval('training.outage_attempts');"
                + " raise exception using errcode = '08006', message = 'simulated outage'; end if;"
                + " return new; end $$");
        sql("create trigger outage before insert on training.model_version for each row"
                + " execute function training.outage()");
        try {
            kafka.send(
                    Topics.TRAINING_JOBS,
                    "outage-job",
                    new TrainingJob(
                            "outage-job", DATASET, "softmax", 1, 128, 0.01, 5L, "fixture-outage", Map.of(), null));
            await().atMost(JOB_TIMEOUT)
                    .until(() -> sqlLong("select case when is_called then last_value else 0 end"
                                    + " from training.outage_attempts")
                            >= 3);
            given().get("/jobs/outage-job").then().body("status", equalTo("RUNNING"));
        } finally {
            sql("drop trigger outage on training.model_version");
            sql("drop function training.outage()");
            sql("drop sequence training.outage_attempts");
        }
        JsonPath job = awaitEnd("outage-job");
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        assertThat(job.getString("modelId")).startsWith("fixture-outage-v1-");
        assertThat(sqlLong("select count(*) from training.model_version where job_id = 'outage-job'"))
                .isEqualTo(1);
    }

    @Test
    @Order(11)
    void aPromotionDuringADatabaseOutageAnswers503AndChangesNothing() throws Exception {
        int history = given().get("/models/" + weakModelId)
                .then()
                .extract()
                .jsonPath()
                .getList("history")
                .size();
        sql("create or replace function training.outage_on_update() returns trigger language plpgsql as"
                + " $$ begin raise exception using errcode = '08006', message = 'simulated outage'; end $$");
        sql("create trigger outage_on_update before update on training.model_version"
                + " for each row execute function training.outage_on_update()");
        try {
            given().auth()
                    .oauth2(OperatorTokens.operator())
                    .post("/models/" + weakModelId + "/promote")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("rule", equalTo("dependency-unavailable"));
        } finally {
            sql("drop trigger outage_on_update on training.model_version");
            sql("drop function training.outage_on_update()");
        }
        given().get("/models/" + weakModelId)
                .then()
                .body("model.status", equalTo("ARCHIVED"))
                .body("history.size()", equalTo(history));
    }

    @Test
    @Order(12)
    void aSearchCrossValidatesEveryConfigurationOverKafkaAndRegistersTheBestRetrainedOnTheFullSplit() {
        Map<String, Object> search = Map.of(
                "jobId",
                "search-1",
                "dataset",
                DATASET,
                "architecture",
                "mlp",
                "epochs",
                2,
                "batchSize",
                64,
                "seed",
                7,
                "modelName",
                "fixture-search",
                "params",
                Map.of("hiddenLayers", List.of(64)),
                "kind",
                "search",
                "search",
                Map.of("grid", Map.of("learningRate", List.of(0.0005, 0.003)), "folds", 2));
        assertThat(submit(search)).isEqualTo("search-1");

        JsonPath view = awaitSearch("search-1");
        assertThat(view.getString("status")).as(view.prettify()).isEqualTo("COMPLETED");
        assertThat(view.getInt("folds")).isEqualTo(2);
        assertThat(view.getString("metric")).isEqualTo("accuracy");
        assertThat(view.getInt("trialsTotal")).isEqualTo(2);
        assertThat(view.getInt("trialsDone")).isEqualTo(2);
        assertThat(view.getString("finishedAt")).isNotNull();
        List<Map<String, Object>> trials = view.getList("trials");
        assertThat(trials).extracting(t -> t.get("trial")).containsExactly(1, 2);
        assertThat(view.getDouble("trials[0].config.learningRate")).isEqualTo(0.0005);
        assertThat(view.getDouble("trials[1].config.learningRate")).isEqualTo(0.003);
        double[] means = new double[2];
        for (int t = 0; t < 2; t++) {
            String trial = "trials[" + t + "].";
            assertThat(view.getString(trial + "status")).isEqualTo("COMPLETED");
            assertThat(view.getString(trial + "job.architecture")).isEqualTo("mlp");
            assertThat(view.getDouble(trial + "job.learningRate")).isEqualTo(t == 0 ? 0.0005 : 0.003);
            assertThat(view.getList(trial + "job.params.hiddenLayers")).containsExactly(64);
            List<Map<String, Object>> folds = view.getList(trial + "folds");
            assertThat(folds)
                    .extracting(f -> f.get("fold"), f -> f.get("jobId"), f -> f.get("status"), f -> f.get("instance"))
                    .containsExactly(
                            tuple(0, String.format("search-1.t%02d.f0", t + 1), "COMPLETED", "test-instance"),
                            tuple(1, String.format("search-1.t%02d.f1", t + 1), "COMPLETED", "test-instance"));
            double a = view.getDouble(trial + "folds[0].score");
            double b = view.getDouble(trial + "folds[1].score");
            assertThat(a).as("held-out accuracy, well above chance").isBetween(0.3, 1.0);
            assertThat(b).isBetween(0.3, 1.0);
            means[t] = (a + b) / 2;
            assertThat(view.getDouble(trial + "mean")).isCloseTo(means[t], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(view.getDouble(trial + "sd"))
                    .as("sample sd of two scores = |a - b| / sqrt 2")
                    .isCloseTo(Math.abs(a - b) / Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-6));
            // the fold job itself: no model, its score in the message
            JsonPath fold = given().get("/jobs/" + folds.get(0).get("jobId"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(fold.getString("modelId")).isNull();
            assertThat(fold.getString("message")).matches("fold 1/2 of trial " + (t + 1) + ": accuracy 0\\.\\d{4}");
            assertThat(fold.getString("request.trial.searchId")).isEqualTo("search-1");
        }
        int best = means[1] > means[0] ? 2 : 1;
        assertThat(view.getInt("best.trial")).isEqualTo(best);
        assertThat(view.getString("finalJobId")).isEqualTo("search-1.best");
        String modelId = view.getString("modelId");
        assertThat(modelId).isNotNull();

        // the final job: the best configuration on the full training split, registered, the gate's decision recorded
        JsonPath finalJob = awaitEnd("search-1.best");
        assertThat(finalJob.getString("status")).isEqualTo("COMPLETED");
        assertThat(finalJob.getString("modelId")).isEqualTo(modelId);
        assertThat(finalJob.getDouble("request.learningRate")).isEqualTo(best == 1 ? 0.0005 : 0.003);
        assertThat(finalJob.getInt("request.trial.trial")).isEqualTo(best);
        assertThat(finalJob.getString("promotion.status")).isIn("PRODUCTION", "REGISTERED");
        given().get("/models").then().statusCode(200).body("model.modelId", org.hamcrest.Matchers.hasItem(modelId));
        given().get("/models/" + modelId).then().statusCode(200).body("model.name", equalTo("fixture-search"));
        JsonPath searchJob = given().get("/jobs/search-1").then().extract().jsonPath();
        assertThat(searchJob.getString("status")).isEqualTo("COMPLETED");
        assertThat(searchJob.getString("modelId")).isEqualTo(modelId);

        // one progress event per trial, with its fold scores, keyed by the search
        List<TrainingProgress> progress = kafka.values(Topics.TRAINING_PROGRESS, "search-1", TrainingProgress.class);
        List<TrainingProgress> trialEvents =
                progress.stream().filter(p -> p.trial() != null).toList();
        assertThat(trialEvents).extracting(p -> p.trial().trial()).containsExactlyInAnyOrder(1, 2);
        assertThat(trialEvents).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(p.trial().foldScores()).hasSize(2);
            assertThat(p.trial().mean())
                    .isCloseTo(means[p.trial().trial() - 1], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(p.message()).startsWith("trial " + p.trial().trial() + "/2: accuracy ");
        });
        assertThat(progress.get(progress.size() - 1).status()).isEqualTo(JobStatus.COMPLETED);
        given().get("/searches").then().statusCode(200).body("searchId", org.hamcrest.Matchers.hasItem("search-1"));
    }

    @Test
    @Order(13)
    void aCancelledSearchStopsEveryFoldJobOfIt() {
        submit(Map.of(
                "jobId",
                "search-2",
                "dataset",
                DATASET,
                "architecture",
                "mlp",
                "epochs",
                300,
                "batchSize",
                32,
                "kind",
                "search",
                "search",
                Map.of("grid", Map.of("learningRate", List.of(0.001, 0.002)), "folds", 2)));
        await().atMost(JOB_TIMEOUT)
                .until(() -> kafka.readAll(Topics.TRAINING_PROGRESS).stream()
                        .filter(r -> r.key().startsWith("search-2.t"))
                        .map(r -> dev.fmnist.contracts.json.JsonCodec.fromJson(r.value(), TrainingProgress.class))
                        .anyMatch(p -> p.batch() != null));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/jobs/search-2")
                .then()
                .statusCode(202)
                .body("status", equalTo("CANCELLED"));
        await().atMost(JOB_TIMEOUT)
                .untilAsserted(() -> assertThat(given().get("/searches/search-2")
                                .then()
                                .extract()
                                .jsonPath()
                                .<String>getList("trials.folds.flatten().status"))
                        .hasSize(4)
                        .doesNotContain("QUEUED", "RUNNING"));
        JsonPath view = given().get("/searches/search-2").then().extract().jsonPath();
        assertThat(view.getString("status")).isEqualTo("CANCELLED");
        assertThat(view.getString("finalJobId")).isNull();
        assertThat(view.<String>getList("trials.folds.flatten().status")).containsOnly("CANCELLED");
        assertThat(given().get("/jobs/search-2").then().extract().<String>path("status"))
                .isEqualTo("CANCELLED");
        for (String fold : List.of("search-2.t01.f0", "search-2.t01.f1", "search-2.t02.f0", "search-2.t02.f1")) {
            assertThat(awaitEnd(fold).getString("status")).as(fold).isEqualTo("CANCELLED");
        }
    }

    @Test
    @Order(14)
    void aSearchThatCannotRunIsRefusedWithItsReason() {
        Map<String, Object> base = Map.of("dataset", DATASET, "architecture", "mlp", "epochs", 1, "kind", "search");
        assertSearchRefused(base, Map.of("grid", Map.of()), "invalid-field: search.grid must name 1..20 parameters");
        assertSearchRefused(
                base,
                Map.of("grid", Map.of("learningRate", List.of(0.001)), "folds", 1),
                "invalid-field: search.folds must be 2..10, was 1");
        assertSearchRefused(
                base,
                Map.of("grid", Map.of("kernelSize", List.of(3, 5))),
                "invalid-parameter: search trial 1 {kernelSize=3}: ");
        assertSearchRefused(
                base,
                Map.of("grid", Map.of("epochs", List.of("many"))),
                "invalid-field: search.grid.epochs must hold an integer");
        Map<String, Object> withoutSearch = new java.util.HashMap<>(base);
        withoutSearch.put("kind", "grid");
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(withoutSearch)
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("reason", equalTo("invalid-field: kind must be 'train' or 'search', was 'grid'"));
        given().get("/searches/no-such-search")
                .then()
                .statusCode(404)
                .body("error", equalTo("Not Found"))
                .body("reason", equalTo("no search no-such-search"));
    }

    @Test
    @Order(15)
    void cancellingOneFoldJobFailsItsTrialAndWithNoConfigurationLeftTheSearch() {
        submit(Map.of(
                "jobId",
                "search-3",
                "dataset",
                DATASET,
                "architecture",
                "mlp",
                "epochs",
                300,
                "batchSize",
                32,
                "kind",
                "search",
                "search",
                Map.of("grid", Map.of("learningRate", List.of(0.001)), "folds", 2)));
        // one fold runs (one worker), the other waits: cancel the waiting one
        await().atMost(JOB_TIMEOUT)
                .until(() -> given().get("/searches/search-3").statusCode() == 200
                        && given().get("/searches/search-3")
                                .then()
                                .extract()
                                .jsonPath()
                                .<String>getList("trials[0].folds.status")
                                .containsAll(List.of("RUNNING", "QUEUED")));
        JsonPath running = given().get("/searches/search-3").then().extract().jsonPath();
        List<String> statuses = running.getList("trials[0].folds.status");
        String waiting = running.getString("trials[0].folds[" + statuses.indexOf("QUEUED") + "].jobId");
        String runningFold = running.getString("trials[0].folds[" + statuses.indexOf("RUNNING") + "].jobId");
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/jobs/" + waiting)
                .then()
                .statusCode(202);

        JsonPath view = awaitSearch("search-3");
        assertThat(view.getString("status")).as(view.prettify()).isEqualTo("FAILED");
        assertThat(view.getString("message")).isEqualTo("every configuration failed (1 trial(s))");
        assertThat(view.getString("trials[0].status")).isEqualTo("FAILED");
        assertThat(view.getString("finalJobId")).isNull();
        assertThat(awaitEnd(runningFold).getString("status"))
                .as("the running sibling is stopped")
                .isEqualTo("CANCELLED");
        assertThat(awaitEnd(waiting).getString("message")).isEqualTo("cancelled before it started");
        assertThat(view.<String>getList("trials[0].folds.status")).containsOnly("CANCELLED");
        assertThat(given().get("/jobs/search-3").then().extract().<String>path("status"))
                .isEqualTo("FAILED");
    }

    private static void assertSearchRefused(Map<String, Object> base, Map<String, Object> search, String reason) {
        Map<String, Object> job = new java.util.HashMap<>(base);
        job.put("search", search);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(job)
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("reason", startsWith(reason));
    }

    private static JsonPath awaitSearch(String searchId) {
        await().atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    var response = given().get("/searches/" + searchId);
                    return response.statusCode() == 200
                            && List.of("COMPLETED", "FAILED", "CANCELLED")
                                    .contains(response.then().extract().<String>path("status"));
                });
        return given().get("/searches/" + searchId).then().extract().jsonPath();
    }

    private static long sqlLong(String query) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static DatasetReady announce(String name, TrainingData data) throws Exception {
        DatasetSplit split = FixtureSplits.publish(kafka, name, "train", data);
        DatasetReady ready = new DatasetReady(
                name + "-" + split.contentHash().substring(0, 12),
                name,
                split.contentHash(),
                "fixture subset",
                "idx",
                List.of(split),
                Instant.now());
        kafka.send(Topics.DATASETS, ready.datasetId(), ready);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/datasets")
                        .then()
                        .statusCode(200)
                        .body("datasetId", org.hamcrest.Matchers.hasItem(ready.datasetId())));
        return ready;
    }

    private static KafkaProducer<String, byte[]> deadProducer(int port) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + port,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                300,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                600,
                ProducerConfig.LINGER_MS_CONFIG,
                0);
        return new KafkaProducer<>(
                config, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    /** @return (model id, status) of the outbox rows, in publication order */
    private static List<org.assertj.core.groups.Tuple> outboxRows() throws Exception {
        List<org.assertj.core.groups.Tuple> rows = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("select model_id, status from training.model_event_outbox order by id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(tuple(rs.getString(1), rs.getString(2)));
            }
        }
        return rows;
    }

    /** @return failed publication attempts of the oldest outbox row, 0 when empty */
    private static int outboxAttempts() throws Exception {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("select attempts from training.model_event_outbox order by id limit 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    @Order(12)
    void aPcaTreeJobCompletesAndIsRegisteredLikeANetwork() throws Exception {
        assertThat(given().get("/architectures")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("name", String.class))
                .contains("pca-tree", "mlp", "cnn");
        String jobId = submit(Map.of(
                "dataset",
                DATASET,
                "architecture",
                "pca-tree",
                "epochs",
                1,
                "seed",
                3,
                "modelName",
                "fixture-tree",
                "params",
                Map.of("pcaComponents", 30, "maxDepth", 10)));
        JsonPath job = awaitEnd(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        String treeModelId = job.getString("modelId");

        List<TrainingProgress> progress = kafka.values(Topics.TRAINING_PROGRESS, jobId, TrainingProgress.class);
        assertThat(progress)
                .filteredOn(p -> p.status() == JobStatus.RUNNING && p.trainAccuracy() != null)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.epoch()).isEqualTo(1);
                    assertThat(p.validationAccuracy()).isBetween(0.3, 1.0);
                });
        JsonPath model = given().get("/models/" + treeModelId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(model.getString("model.architecture")).isEqualTo("pca-tree");
        assertThat(model.getLong("model.test.count")).isEqualTo(500);
        assertThat(model.getDouble("model.test.accuracy")).isGreaterThan(0.5);
        assertThat(given().get("/models").then().extract().jsonPath().getList("model.modelId", String.class))
                .contains(treeModelId);
        byte[] artifact = given().get("/models/" + treeModelId + "/artifact")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        ModelBundle tree = ModelBundle.fromBytes(artifact);
        assertThat(tree.metadata().engine()).isEqualTo("pca-tree");
        assertThat(tree.metadata().provenance().jobId()).isEqualTo(jobId);
        assertThat(ModelEvaluator.evaluate(tree, fixtureTest).toArray())
                .isDeepEqualTo(model.getObject("model.test.confusionMatrix", long[][].class));
    }

    private static Connection connect() throws Exception {
        var platform = SharedTestPlatform.get();
        return DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password());
    }

    private static String submit(Map<String, Object> job) {
        return given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(job)
                .post("/jobs")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
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
