package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.TrainingRuns;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static dev.fmnist.evaluation.testing.Broker.utf8;
import static dev.fmnist.evaluation.testing.TrainingRuns.history;
import static dev.fmnist.evaluation.testing.TrainingRuns.historyJson;
import static dev.fmnist.evaluation.testing.TrainingRuns.summary;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * fmnist.training.progress on the real broker in (published as training-service publishes it, plus a record delivered
 * twice, a hostile but valid one and an invalid one); {@code GET /api/progress...} and its event stream out, from
 * the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/progress/stream")
    URI streamUri;

    @Test
    void everyRecordIsServedOnceInOrderExactlyAsPublished() {
        String job = "job-" + UUID.randomUUID();
        List<TrainingProgress> run =
                TrainingRuns.completedRun(job, "model-" + job, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        // Valid but hostile: markup, quotes and emoji in the message, figures in exponent form, unknown fields.
        String hostile = "{\"jobId\": \"" + job + "\", \"status\": \"RUNNING\", \"epoch\": 1, \"totalEpochs\": 2,"
                + " \"batch\": 7, \"batchesPerEpoch\": 10, \"loss\": 5.0E-4, \"imagesPerSecond\": 1e3,"
                + " \"message\": \"<script>alert('x')</script> \\\"quoted\\\" \uD83D\uDE80 ünïcødé\","
                + " \"futureField\": {\"nested\": [1, 2, {\"deep\": null}]}, \"trainAccuracy\": null,"
                + " \"timestamp\": \"" + run.get(1).timestamp().plusMillis(500) + "\"}";
        TrainingProgress hostileDecoded = JsonCodec.fromJson(hostile, TrainingProgress.class);
        String invalid = "{\"jobId\": \"" + job + "\", \"status\": \"RUNNING\", \"epoch\": 1";

        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        records.add(Map.entry(job, JsonCodec.toBytes(run.get(0))));
        records.add(Map.entry(job, JsonCodec.toBytes(run.get(1))));
        records.add(Map.entry(job, JsonCodec.toBytes(run.get(1)))); // delivered twice
        records.add(Map.entry(job, utf8(hostile)));
        records.add(Map.entry(job, utf8(invalid)));
        run.subList(2, run.size()).forEach(p -> records.add(Map.entry(job, JsonCodec.toBytes(p))));
        Broker.send(Topics.TRAINING_PROGRESS, records);

        List<TrainingProgress> expected = new ArrayList<>();
        expected.add(run.get(0));
        expected.add(run.get(1));
        expected.add(hostileDecoded);
        expected.addAll(run.subList(2, run.size()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(history(job)).hasSize(expected.size()));
        assertThat(history(job)).containsExactlyElementsOf(expected);
        assertThat(historyJson(job))
                .as("the contract's JSON of each record, as published")
                .isEqualTo(JsonCodec.toJson(expected));
        assertThat(history(job).get(2).message()).isEqualTo("<script>alert('x')</script> \"quoted\" 🚀 ünïcødé");

        // acknowledged by the broker before the later records were stored; the test's reader may still catch up
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Broker.readValues(Topics.REJECTED, job, Rejection.class))
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(r.topic()).isEqualTo(Topics.TRAINING_PROGRESS);
                            assertThat(r.reason()).startsWith("invalid-json:");
                            assertThat(r.payload()).isEqualTo(invalid);
                            assertThat(r.service()).isEqualTo("evaluation-service");
                        }));

        TrainingProgress last = run.get(run.size() - 1);
        assertThat(summary(job))
                .containsEntry("status", "COMPLETED")
                .containsEntry("epoch", 2)
                .containsEntry("totalEpochs", 2)
                .containsEntry("modelId", last.modelId())
                .containsEntry("points", expected.size())
                .containsEntry("timestamp", last.timestamp().toString());
    }

    @Test
    void jobsAreListedNewestFirstWithTheirModelOnceKnown() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String older = "older-" + UUID.randomUUID();
        String newer = "newer-" + UUID.randomUUID();
        Broker.sendJson(
                Topics.TRAINING_PROGRESS,
                List.of(
                        Map.entry(older, TrainingRuns.bare(older, JobStatus.QUEUED, 4, null, null, now)),
                        Map.entry(newer, TrainingRuns.bare(newer, JobStatus.QUEUED, 3, null, null, now.plusSeconds(1))),
                        Map.entry(
                                older,
                                TrainingRuns.bare(
                                        older, JobStatus.FAILED, 4, "out of memory", null, now.plusSeconds(2)))));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(summary(older)).containsEntry("status", "FAILED").containsEntry("points", 2);
            assertThat(summary(newer)).containsEntry("status", "QUEUED").containsEntry("points", 1);
        });
        Map<String, Object> queued = summary(newer);
        assertThat(queued).containsKey("modelId");
        assertThat(queued.get("modelId")).as("no model yet: null, present").isNull();

        List<Object> ids = given().get("/api/progress")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("jobId");
        assertThat(ids.indexOf(older)).as("its last record is newer").isLessThan(ids.indexOf(newer));
    }

    @Test
    void theStreamDeliversEachNewRecordOnce() throws Exception {
        String job = "stream-" + UUID.randomUUID();
        List<String> events = new CopyOnWriteArrayList<>();
        // Headers may only come with the first event: read on a thread of its own.
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(streamUri)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                response.join().body().forEach(line -> {
                    if (line.startsWith("data:")) {
                        events.add(line.substring("data:".length()).trim());
                    }
                });
            } catch (RuntimeException e) {
                // the stream is closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // The stream carries what is stored after the client subscribed: publish until the first one arrives.
            List<TrainingProgress> sent = new ArrayList<>();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                TrainingProgress p = TrainingRuns.batch(job, 1, sent.size() + 1, 0.5, Instant.now());
                sent.add(p);
                Broker.sendJson(Topics.TRAINING_PROGRESS, List.of(Map.entry(job, p)));
                return events.stream().anyMatch(e -> e.contains(job));
            });
            TrainingProgress next = TrainingRuns.epochEnd(job, 1, 0.4, 0.8, 0.79, Instant.now());
            // the first record again (not stored, not streamed), then a new one
            Broker.sendJson(Topics.TRAINING_PROGRESS, List.of(Map.entry(job, sent.get(0)), Map.entry(job, next)));

            await().atMost(WAIT).until(() -> events.contains(JsonCodec.toJson(next)));
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(response.get().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            List<String> ofJob = events.stream().filter(e -> e.contains(job)).toList();
            List<String> stored = Stream.concat(sent.stream(), Stream.of(next))
                    .map(JsonCodec::toJson)
                    .toList();
            assertThat(ofJob).as("each record once").doesNotHaveDuplicates();
            assertThat(stored)
                    .as("every event is a stored record's contract JSON")
                    .containsAll(ofJob);
            assertThat(history(job)).hasSize(sent.size() + 1).endsWith(next);
        } finally {
            response.cancel(true);
            if (response.isDone() && !response.isCompletedExceptionally()) {
                response.get().body().close();
            }
        }
    }
}
