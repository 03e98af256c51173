package dev.fmnist.evaluation.leadership;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.persistence.JdbcCountStore;
import dev.fmnist.evaluation.persistence.SnapshotRepository;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.evaluations;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The application as one of two replicas, on the real broker and PostgreSQL: another replica (this test) holds the
 * emitter's advisory lock when it starts. The application counts what it consumes but publishes nothing; it serves
 * the figures the other one publishes on its REST API and its event stream; when the other one dies (its session
 * is terminated, as when its process is killed) it takes over and continues from the other's last snapshot.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(FollowerTest.AnotherEmitter.class)
class FollowerTest {

    private static final EmissionPolicy POLICY = new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1));

    @ConfigProperty(name = "test.other-replica")
    String otherReplica;

    @TestHTTPResource("/api/evaluations/stream")
    URI streamUri;

    @Test
    void aFollowerPublishesNothingShowsTheEmittersFiguresAndTakesOverWhenItDies() {
        String model = "follower-" + UUID.randomUUID();
        assertThat(role()).isEqualTo("follower");
        List<Evaluation> streamed = new CopyOnWriteArrayList<>();
        CompletableFuture<?> stream = listen(streamed);
        try {
            sendPredictions(HandMadeSet.predictions(model).subList(0, 6));
            await().atMost(Duration.ofSeconds(20)).until(() -> counted(model) == 6);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> evaluations(model).isEmpty() && storedSnapshots(model) == 0);
            given().get("/api/evaluations/{id}", model).then().statusCode(404);

            // the other replica, the emitter, publishes the six images (stored in the history)
            Evaluation published = otherReplicaPublishes(model);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().get("/api/evaluations/{id}", model)
                            .then()
                            .statusCode(200)
                            .body("count", equalTo(6))
                            .body("accuracy", equalTo((float) published.accuracy())));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> streamed.stream().anyMatch(e -> e.modelId().equals(model) && e.count() == 6));

            // the other replica dies; this one takes over, and continues from its last snapshot
            terminate(otherReplica);
            await().atMost(Duration.ofSeconds(15)).until(() -> role().equals("leader"));
            sendPredictions(HandMadeSet.predictions(model).subList(4, 10));
            Evaluation e = awaitEvaluation(model, 10);
            assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(evaluations(model))
                            .as("nothing published twice, nothing from before the takeover")
                            .extracting(Evaluation::count)
                            .containsOnly(10L));
        } finally {
            stream.cancel(true);
        }
    }

    private static String role() {
        return given().get("/q/health/ready")
                .then()
                .extract()
                .path("checks.find { it.name == 'evaluation-emitter' }.data.role");
    }

    private CompletableFuture<?> listen(List<Evaluation> streamed) {
        return HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(streamUri)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body()
                        .filter(line -> line.startsWith("data:"))
                        .forEach(line -> streamed.add(
                                JsonCodec.fromJson(line.substring(5).trim(), Evaluation.class))));
    }

    /** What the emitter does: its book from the store, the due snapshot stored in the history. */
    private static Evaluation otherReplicaPublishes(String model) {
        PGSimpleDataSource source = dataSource();
        EvaluationBook book = new EvaluationBook(POLICY, 1000);
        book.restore(new JdbcCountStore(source).loadAll(1000), Instant.now());
        Evaluation e = book.takeDue(Instant.now().plusSeconds(60)).stream()
                .filter(ev -> ev.modelId().equals(model))
                .findFirst()
                .orElseThrow();
        new SnapshotRepository(source).save(e);
        return e;
    }

    private static long counted(String model) {
        return single("SELECT COALESCE(max(images), 0) FROM evaluation.model WHERE model_id = ?", model);
    }

    private static long storedSnapshots(String model) {
        return single("SELECT count(*) FROM evaluation.snapshot WHERE model_id = ?", model);
    }

    /** Ends the other replica's session from the server's side, as its death would. */
    private static void terminate(String applicationName) {
        single(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?",
                applicationName);
    }

    private static long single(String sql, String parameter) {
        try (Connection connection = dataSource().getConnection();
                var select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGSimpleDataSource dataSource() {
        PlatformEndpoints platform = SharedTestPlatform.get();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(platform.jdbcUrl());
        source.setUser(platform.username());
        source.setPassword(platform.password());
        return source;
    }

    /** A profile whose application finds another replica holding the emitter's lock when it starts. */
    public static class AnotherEmitter implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtherReplica.class));
        }
    }

    /** The other replica's lock session, taken before the application starts (on a key of this test's own). */
    public static class OtherReplica implements QuarkusTestResourceLifecycleManager {
        private Connection session;

        @Override
        public Map<String, String> start() {
            long key = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
            String name = "other-replica-" + key;
            PGSimpleDataSource source = dataSource();
            source.setApplicationName(name);
            try {
                session = source.getConnection();
                try (var take = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    take.setLong(1, key);
                    try (var row = take.executeQuery()) {
                        if (!row.next() || !row.getBoolean(1)) {
                            throw new IllegalStateException("could not take advisory lock " + key);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("fmnist.evaluation.leadership.lock-key", String.valueOf(key), "test.other-replica", name);
        }

        @Override
        public void stop() {
            try {
                session.close();
            } catch (SQLException e) {
                // terminated by the test already
            }
        }
    }
}
