package dev.fmnist.training.messaging;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The two consumers' flows with their channels in memory (SmallRye's {@link InMemoryConnector}): records are handed
 * to {@code jobs-in} and {@code datasets-in} directly and what the service publishes is read from the in-memory
 * sinks, so no broker round trip is involved; jobs and datasets are stored in the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(ConsumerFlowsTest.InMemoryChannels.class)
class ConsumerFlowsTest {

    static final String INSTANCE = "in-memory-test";

    /** Every channel in memory, and an instance id of its own (its jobs are no other test's). */
    public static final class InMemoryChannels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // not InMemoryConnector.switch...ToInMemory: it also sets system properties, which would switch the
            // channels of every other test class in this JVM
            Map<String, String> config = new HashMap<>();
            for (String channel : List.of(Channels.JOBS_IN, Channels.DATASETS_IN)) {
                config.put("mp.messaging.incoming." + channel + ".connector", InMemoryConnector.CONNECTOR);
            }
            for (String channel :
                    List.of(Channels.JOBS_OUT, Channels.PROGRESS_OUT, Channels.MODELS_OUT, Channels.REJECTED_OUT)) {
                config.put("mp.messaging.outgoing." + channel + ".connector", InMemoryConnector.CONNECTOR);
            }
            config.put("fmnist.training.instance-id", INSTANCE);
            return config;
        }
    }

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void recordsThatAreNotRunnableJobsAreRefusedWithTheirRuleAndTheNextIsStillRead() {
        jobRecord("flow-bad-json", "{not json".getBytes(StandardCharsets.UTF_8));
        jobRecord(
                "flow-bad-arch",
                JsonCodec.toBytes(new TrainingJob(
                        "flow-bad-arch", "flow-data", "transformer", 1, null, null, null, null, null, null)));
        jobRecord(
                "flow-bad-dataset",
                JsonCodec.toBytes(new TrainingJob(
                        "flow-bad-dataset", "no-such-data", "mlp", 1, null, null, null, null, null, null)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rejections(Topics.TRAINING_JOBS))
                        .extracting(Rejection::key, r -> r.reason().split(":")[0])
                        .contains(
                                org.assertj.core.groups.Tuple.tuple("flow-bad-json", "invalid-json"),
                                org.assertj.core.groups.Tuple.tuple("flow-bad-arch", "unknown-architecture"),
                                org.assertj.core.groups.Tuple.tuple("flow-bad-dataset", "unknown-dataset")));
        assertThat(rejections(Topics.TRAINING_JOBS))
                .allSatisfy(r -> assertThat(r.service()).isEqualTo("training-service"));
        given().get("/jobs/flow-bad-arch").then().statusCode(404);
    }

    @Test
    void anAnnouncedDatasetIsKeptAndAJobNamingItIsQueuedOnceEvenWhenRedelivered() {
        DatasetSplit train = new DatasetSplit("train", Topics.datasetSplit("flow-data", "train"), 10, null, null, 0);
        DatasetReady ready =
                new DatasetReady("flow-data-1", "flow-data", null, "hand-made", "idx", List.of(train), Instant.now());
        connector
                .source(Channels.DATASETS_IN)
                .send(record(Topics.DATASETS, ready.datasetId(), JsonCodec.toBytes(ready)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/datasets").then().body("datasetId", hasItem("flow-data-1")));

        TrainingJob job = new TrainingJob("flow-job", "flow-data", "softmax", 1, 8, 0.01, 1L, "flow", Map.of(), null);
        byte[] value = JsonCodec.toBytes(job);
        jobRecord(job.jobId(), value);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(progress(job.jobId())).anySatisfy(p -> {
                    assertThat(p.status()).isEqualTo(JobStatus.QUEUED);
                    assertThat(p.message()).startsWith("queued on " + INSTANCE);
                }));
        given().get("/jobs/flow-job")
                .then()
                .statusCode(200)
                .body("owner", equalTo(INSTANCE))
                .body("datasetId", equalTo("flow-data-1"));

        // the same record again (redelivered after a crash) is ignored; another job with the id is refused
        jobRecord(job.jobId(), value);
        jobRecord(
                job.jobId(),
                JsonCodec.toBytes(
                        new TrainingJob("flow-job", "flow-data", "mlp", 2, 8, 0.01, 1L, "flow", Map.of(), null)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rejections(Topics.TRAINING_JOBS))
                        .filteredOn(r -> r.key().equals("flow-job"))
                        .extracting(Rejection::reason)
                        .containsExactly("duplicate-job: job flow-job already exists"));
        assertThat(progress(job.jobId()))
                .filteredOn(p -> p.status() == JobStatus.QUEUED)
                .hasSize(1);
    }

    @Test
    void anAnnouncementThatIsNotADatasetIsRefused() {
        connector
                .source(Channels.DATASETS_IN)
                .send(record(Topics.DATASETS, "flow-garbage", "[1, 2]".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rejections(Topics.DATASETS))
                        .filteredOn(r -> r.key().equals("flow-garbage"))
                        .singleElement()
                        .satisfies(r -> assertThat(r.reason()).startsWith("not-an-object")));
    }

    private void jobRecord(String key, byte[] value) {
        connector.source(Channels.JOBS_IN).send(record(Topics.TRAINING_JOBS, key, value));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 0L, key, value);
    }

    private List<Rejection> rejections(String topic) {
        InMemorySink<Rejection> sink = connector.sink(Channels.REJECTED_OUT);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(r -> topic.equals(r.topic()))
                .toList();
    }

    private List<TrainingProgress> progress(String jobId) {
        InMemorySink<TrainingProgress> sink = connector.sink(Channels.PROGRESS_OUT);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(p -> jobId.equals(p.jobId()))
                .toList();
    }
}
