package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.LabelledPrediction;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.evaluations;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The application's own start-up path restores what an earlier run left in PostgreSQL: this profile starts a fresh
 * application after the database already holds six counted images of a model and a stored snapshot of them.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(StartupRestoreTest.EarlierRun.class)
class StartupRestoreTest {

    @ConfigProperty(name = "test.earlier-run.model")
    String model;

    @Test
    void startsFromTheStoredCountsAndContinuesThem() {
        given().get("/api/evaluations/{id}", model).then().statusCode(200).body("count", equalTo(6));
        given().get("/api/evaluations/{id}/history", model)
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));

        // the broker redelivers a05 and a06 (their offsets were not committed), then a07..a10 arrive
        sendPredictions(HandMadeSet.predictions(model).subList(4, 10));

        Evaluation e = awaitEvaluation(model, 10);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(evaluations(model))
                        .extracting(Evaluation::count)
                        .containsOnly(10L));
    }

    /** A profile whose application starts after an "earlier run" counted a01..a06 of a model and stored a snapshot. */
    public static class EarlierRun implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EarlierRunState.class));
        }
    }

    /** Writes the earlier run's state with the service's own persistence classes, before the application starts. */
    public static class EarlierRunState implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            PGSimpleDataSource dataSource = MigratedSchema.applicationDataSource();

            String model = "earlier-run-" + UUID.randomUUID();
            List<LabelledPrediction> counted = new JdbcCountStore(dataSource)
                    .countNew(HandMadeSet.predictions(model).subList(0, 6).stream()
                            .map(EarlierRunState::labelled)
                            .toList());
            EvaluationBook book =
                    new EvaluationBook(new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1)), 1000);
            book.apply(counted, Instant.now());
            new SnapshotRepository(dataSource)
                    .save(book.takeDue(Instant.now().plusSeconds(60)).get(0));
            return Map.of("test.earlier-run.model", model);
        }

        private static LabelledPrediction labelled(Prediction p) {
            return new LabelledPrediction(
                    p.modelId(), p.modelVersion(), p.id(), p.trueLabel(), p.label(), p.timestamp());
        }

        @Override
        public void stop() {
            // the rows stay: every test uses its own model ids
        }
    }
}
