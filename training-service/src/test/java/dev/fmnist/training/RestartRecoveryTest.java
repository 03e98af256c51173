package dev.fmnist.training;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.SearchSpec;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import dev.fmnist.training.persistence.SearchRepository;
import dev.fmnist.training.search.SearchPlan;
import dev.fmnist.training.service.JobService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code kill -9} while one job ran and two waited, as the dead process leaves it: before this service starts,
 * {@link DeadProcess} writes a RUNNING job, a RUNNING job whose model had already been registered, and two QUEUED
 * jobs of this instance into the real PostgreSQL (the dataset's images on the real broker). At start the RUNNING job
 * ends as FAILED with the restart as its reason, the one with a registered model as COMPLETED, and the QUEUED ones
 * are trained (real DL4J) to COMPLETED in their order; none stays QUEUED or RUNNING.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(RestartRecoveryTest.AfterAKill.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartRecoveryTest {

    static final String INSTANCE = "restart-test";
    static final String DATASET = "restart-mini";
    static final String ORPHAN_MODEL = "restart-orphan-v1-00000000";
    static final String SEARCH = "restart-search";

    /** Its own instance id, so its jobs are its own, and a fresh start of the service (with the recovery). */
    public static final class AfterAKill implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fmnist.training.instance-id", INSTANCE);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadProcess.class));
        }
    }

    /**
     * A search of this instance was RUNNING with one trial of two folds: fold 0 RUNNING here when the process died,
     * fold 1 never reached Kafka. The search is left running (it has no worker), fold 1 is published again, fold 0
     * fails with the restart, which fails its trial, so fold 1 is not run; with no configuration left the search
     * fails.
     */
    @Test
    @Order(1)
    void aSearchSurvivesTheRestartAndAFoldThatRanCountsAsFailed() {
        JsonPath fold = awaitEnd(SEARCH + ".t01.f0");
        assertThat(fold.getString("status")).as(fold.prettify()).isEqualTo("FAILED");
        assertThat(fold.getString("message")).startsWith(JobService.RESTARTED);
        JsonPath lost = awaitEnd(SEARCH + ".t01.f1");
        assertThat(lost.getString("status")).as("published again, then not run").isEqualTo("CANCELLED");
        assertThat(lost.getString("message")).contains("trial 1 of search " + SEARCH + " failed");

        JsonPath search = awaitEnd(SEARCH);
        assertThat(search.getString("status")).isEqualTo("FAILED");
        JsonPath view = given().get("/searches/" + SEARCH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(view.getString("status")).isEqualTo("FAILED");
        assertThat(view.getString("message")).startsWith("every configuration failed");
        assertThat(view.getString("trials[0].status")).isEqualTo("FAILED");
        assertThat(view.<String>getList("trials[0].folds.status")).containsExactly("FAILED", "CANCELLED");
        assertThat(view.getString("finalJobId")).isNull();
    }

    @Test
    @Order(2)
    void theRunningJobFailsWithTheRestartAsReasonAndTheQueuedOnesRun() {
        JsonPath running = awaitEnd("restart-running");
        assertThat(running.getString("status")).as(running.prettify()).isEqualTo("FAILED");
        assertThat(running.getString("message")).isEqualTo(JobService.RESTARTED + " (instance " + INSTANCE + ")");
        assertThat(running.getString("finishedAt")).isNotNull();
        assertThat(running.getString("modelId")).isNull();

        JsonPath registered = awaitEnd("restart-registered");
        assertThat(registered.getString("status")).as(registered.prettify()).isEqualTo("COMPLETED");
        assertThat(registered.getString("modelId")).isEqualTo(ORPHAN_MODEL);
        assertThat(registered.getString("message")).contains("was registered").contains(JobService.RESTARTED);

        JsonPath first = awaitEnd("restart-queued-1");
        JsonPath second = awaitEnd("restart-queued-2");
        assertThat(first.getString("status")).as(first.prettify()).isEqualTo("COMPLETED");
        assertThat(second.getString("status")).as(second.prettify()).isEqualTo("COMPLETED");
        assertThat(Instant.parse(first.getString("startedAt")))
                .as("queued order kept")
                .isBefore(Instant.parse(second.getString("startedAt")));
        for (JsonPath job : List.of(first, second)) {
            String modelId = job.getString("modelId");
            given().get("/models/" + modelId).then().statusCode(200);
        }
        List<String> stillOpen =
                given().get("/jobs?limit=1000").then().extract().jsonPath().<Map<String, Object>>getList("").stream()
                        .filter(j -> INSTANCE.equals(j.get("owner")))
                        .filter(j -> List.of("QUEUED", "RUNNING").contains(j.get("status")))
                        .map(j -> (String) j.get("jobId"))
                        .toList();
        assertThat(stillOpen).isEmpty();

        try (KafkaTestClient kafka =
                new KafkaTestClient(SharedTestPlatform.get().bootstrapServers())) {
            List<TrainingProgress> progress =
                    kafka.values(Topics.TRAINING_PROGRESS, "restart-running", TrainingProgress.class);
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1).status()).isEqualTo(JobStatus.FAILED);
            assertThat(progress.get(progress.size() - 1).message()).startsWith(JobService.RESTARTED);
        }
    }

    private static JsonPath awaitEnd(String jobId) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var response = given().get("/jobs/" + jobId);
                    return response.statusCode() == 200
                            && List.of("COMPLETED", "FAILED", "CANCELLED")
                                    .contains(response.jsonPath().getString("status"));
                });
        return given().get("/jobs/" + jobId).then().extract().jsonPath();
    }

    /** What a training-service killed mid-job leaves behind, written before the service under test starts. */
    public static final class DeadProcess implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            PlatformEndpoints platform = SharedTestPlatform.get();
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(platform.jdbcUrl());
            source.setUser(platform.username());
            source.setPassword(platform.password());
            Flyway.configure()
                    .dataSource(source)
                    .schemas("training")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (KafkaTestClient kafka = new KafkaTestClient(platform.bootstrapServers());
                    Connection c = source.getConnection()) {
                TrainingData train = IdxFiles.read(Fixtures.fashionMnistMini(), "train")
                        .subset(IntStream.range(0, 300).toArray());
                TrainingData test = IdxFiles.read(Fixtures.fashionMnistMini(), "t10k")
                        .subset(IntStream.range(0, 100).toArray());
                DatasetSplit trainSplit = FixtureSplits.publish(kafka, DATASET, "train", train);
                DatasetSplit testSplit = FixtureSplits.publish(kafka, DATASET, "test", test);
                DatasetReady ready = new DatasetReady(
                        DATASET + "-1",
                        DATASET,
                        "restart-dataset-hash",
                        "fixture",
                        "idx",
                        List.of(trainSplit, testSplit),
                        Instant.now());
                try (PreparedStatement s = c.prepareStatement("insert into training.dataset (dataset_id, name,"
                        + " content_hash, announcement) values (?, ?, ?, ?::jsonb) on conflict do nothing")) {
                    s.setString(1, ready.datasetId());
                    s.setString(2, ready.name());
                    s.setString(3, ready.contentHash());
                    s.setString(4, JsonCodec.toJson(ready));
                    s.executeUpdate();
                }
                job(c, "restart-running", "RUNNING", ready, 3);
                job(c, "restart-registered", "RUNNING", ready, 3);
                job(c, "restart-queued-1", "QUEUED", ready, 2);
                job(c, "restart-queued-2", "QUEUED", ready, 1);
                search(c, source, ready);
                try (PreparedStatement s = c.prepareStatement("insert into training.model_version (model_id, name,"
                        + " version, architecture, hyper_parameters, dataset_id, job_id, parameter_count,"
                        + " training_seconds, artifact, artifact_sha256, artifact_size, status)"
                        + " values (?, 'restart-orphan', 1, 'softmax', '{}'::jsonb, ?, 'restart-registered', 7850,"
                        + " 1.0, ?, 'none', 4, 'REGISTERED') on conflict do nothing")) {
                    s.setString(1, ORPHAN_MODEL);
                    s.setString(2, ready.datasetId());
                    s.setBytes(3, new byte[] {1, 2, 3, 4});
                    s.executeUpdate();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not set up the dead process's leftovers", e);
            }
            return Map.of();
        }

        /** A RUNNING search of one trial, its fold 0 RUNNING, its fold 1 never published. */
        private static void search(Connection c, PGSimpleDataSource source, DatasetReady dataset) throws Exception {
            TrainingJob search = new TrainingJob(
                    SEARCH,
                    dataset.datasetId(),
                    "softmax",
                    1,
                    64,
                    0.01,
                    3L,
                    "restart-search",
                    Map.of(),
                    Instant.now(),
                    TrainingJob.SEARCH,
                    new SearchSpec(Map.of("learningRate", List.of(0.01)), 2, null, null),
                    null);
            SearchPlan plan = SearchPlan.of(search);
            new SearchRepository(source).create(plan, DATASET);
            job(c, search, "RUNNING", dataset, 6);
            job(c, plan.foldJobs().get(0), "RUNNING", dataset, 5);
        }

        private static void job(Connection c, String jobId, String status, DatasetReady dataset, int minutesAgo)
                throws Exception {
            TrainingJob job = new TrainingJob(
                    jobId, dataset.datasetId(), "softmax", 1, 64, 0.01, 3L, "restart-softmax", Map.of(), Instant.now());
            job(c, job, status, dataset, minutesAgo);
        }

        private static void job(Connection c, TrainingJob job, String status, DatasetReady dataset, int minutesAgo)
                throws Exception {
            String jobId = job.jobId();
            try (PreparedStatement s = c.prepareStatement("insert into training.job (job_id, request, status, owner,"
                    + " dataset_id, architecture, submitted_at, started_at) values (?, ?::jsonb, ?, ?, ?, ?,"
                    + " now() - make_interval(mins => ?), case when ? = 'RUNNING' then now() end)"
                    + " on conflict do nothing")) {
                s.setString(1, jobId);
                s.setString(2, JsonCodec.toJson(job));
                s.setString(3, status);
                s.setString(4, INSTANCE);
                s.setString(5, dataset.datasetId());
                s.setString(6, job.architecture());
                s.setInt(7, minutesAgo);
                s.setString(8, status);
                s.executeUpdate();
            }
        }

        @Override
        public void stop() {}
    }
}
