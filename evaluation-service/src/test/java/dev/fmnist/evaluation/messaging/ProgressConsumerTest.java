package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.testing.InMemoryChannels;
import dev.fmnist.evaluation.testing.TrainingRuns;
import dev.fmnist.testing.InMemoryKafka;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.fmnist.evaluation.testing.TrainingRuns.history;
import static dev.fmnist.evaluation.testing.TrainingRuns.summary;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The fast tier of {@link ProgressConsumer}: progress records handed over by the in-memory connector (no broker),
 * stored in the real PostgreSQL and read back through {@code GET /api/progress...}, refusals read from the in-memory
 * channel.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(InMemoryChannels.class)
class ProgressConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void everyRecordOfAJobIsServedOnceInPublicationOrder() {
        String job = "mem-job-" + UUID.randomUUID();
        List<TrainingProgress> run =
                TrainingRuns.completedRun(job, "mem-model-" + job, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        send(job, run.get(0));
        send(job, run.get(1));
        send(job, run.get(1)); // delivered again
        send(job, "{\"jobId\": \"" + job + "\", \"status\": \"RUNNING\"");
        run.subList(2, run.size()).forEach(p -> send(job, p));

        await().atMost(WAIT).untilAsserted(() -> assertThat(history(job)).hasSize(run.size()));
        assertThat(history(job)).containsExactlyElementsOf(run);
        assertThat(rejections(job)).singleElement().satisfies(r -> {
            assertThat(r.reason()).startsWith("invalid-json:");
            assertThat(r.topic()).isEqualTo(Topics.TRAINING_PROGRESS);
            assertThat(r.service()).isEqualTo("evaluation-service");
        });

        TrainingProgress last = run.get(run.size() - 1);
        Map<String, Object> summary = summary(job);
        assertThat(summary)
                .containsEntry("status", "COMPLETED")
                .containsEntry("epoch", 2)
                .containsEntry("totalEpochs", 2)
                .containsEntry("modelId", last.modelId())
                .containsEntry("points", run.size())
                .containsEntry("timestamp", last.timestamp().toString());
    }

    @Test
    void anUnknownJobHasNoRecords() {
        given().get("/api/progress/{jobId}", "never-seen-" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void hostileRecordsEndOnTheRejectedChannelWithTheirRuleAndTheNextOneIsStored() {
        String prefix = "mem-progress-key-" + UUID.randomUUID() + "-";
        String t = "\"timestamp\": \"2026-11-23T10:15:30.123Z\"";
        Map<String, String> hostile = Map.of(
                "json", "this is not JSON",
                "array", "[1, 2]",
                "twice", "{\"jobId\": \"j\", \"jobId\": \"k\", \"status\": \"RUNNING\", " + t + "}",
                "nojob", "{\"status\": \"RUNNING\", \"epoch\": 1, " + t + "}",
                "control", "{\"jobId\": \"a\\u0007b\", \"status\": \"RUNNING\", " + t + "}",
                "nostatus", "{\"jobId\": \"j\", \"epoch\": 1, " + t + "}",
                "status", "{\"jobId\": \"j\", \"status\": \"SOLD\", " + t + "}",
                "nan", "{\"jobId\": \"j\", \"status\": \"RUNNING\", \"loss\": \"NaN\", " + t + "}",
                "huge", "{\"jobId\": \"j\", \"status\": \"RUNNING\", \"etaSeconds\": 1e999, " + t + "}",
                "nul", "{\"jobId\": \"j\", \"status\": \"FAILED\", \"message\": \"a\\u0000b\", " + t + "}");
        hostile.forEach((key, value) -> send(prefix + key, value));
        String job = prefix + "next";
        TrainingProgress next = TrainingRuns.bare(job, JobStatus.QUEUED, 3, null, null, Instant.now());
        send(job, next);

        await().atMost(WAIT).untilAsserted(() -> assertThat(rejections(prefix)).hasSize(hostile.size()));
        Map<String, String> reasons = rejections(prefix).stream()
                .collect(Collectors.toMap(r -> r.key().substring(prefix.length()), Rejection::reason));
        assertThat(reasons.get("json")).startsWith("invalid-json:");
        assertThat(reasons.get("array")).startsWith("not-an-object:");
        assertThat(reasons.get("twice")).startsWith("invalid-json:");
        assertThat(reasons.get("nojob")).startsWith("invalid-field:").contains("'jobId' is missing");
        assertThat(reasons.get("control")).startsWith("invalid-field:").contains("jobId", "U+0007");
        assertThat(reasons.get("nostatus")).startsWith("invalid-field:").contains("'status' is missing");
        assertThat(reasons.get("status")).startsWith("invalid-field:").contains("SOLD");
        assertThat(reasons.get("nan")).startsWith("invalid-field:").contains("'loss'", "not a finite number");
        assertThat(reasons.get("huge")).startsWith("invalid-field:").contains("'etaSeconds'", "not a finite number");
        assertThat(reasons.get("nul")).startsWith("invalid-field:").contains("'message'", "U+0000");

        await().atMost(WAIT).untilAsserted(() -> assertThat(history(job)).containsExactly(next));
        assertThat(history("j")).as("nothing of the refused records was stored").isEmpty();
    }

    private void send(String key, TrainingProgress progress) {
        send(key, JsonCodec.toBytes(progress));
    }

    private void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private void send(String key, byte[] value) {
        connector
                .source(Channels.PROGRESS)
                .send(InMemoryKafka.record(Topics.TRAINING_PROGRESS, OFFSETS.incrementAndGet(), key, value));
    }

    private List<Rejection> rejections(String keyPrefix) {
        InMemorySink<Rejection> sink = connector.sink(Channels.REJECTED);
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(r -> r.key() != null && r.key().startsWith(keyPrefix))
                .filter(r -> Topics.TRAINING_PROGRESS.equals(r.topic()))
                .toList();
    }
}
