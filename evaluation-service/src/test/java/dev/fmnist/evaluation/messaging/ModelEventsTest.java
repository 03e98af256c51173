package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fmnist.evaluation.testing.Broker.utf8;
import static dev.fmnist.evaluation.testing.ModelEvents.event;
import static dev.fmnist.evaluation.testing.ModelEvents.send;
import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** fmnist.models on the real broker in; GET /api/models and evaluation.registered_model in the real PostgreSQL out. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ModelEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theNewestEventOfAModelWinsAndAnOlderOneArrivingLateChangesNothing() throws Exception {
        String model = "reg-" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(30);

        send(event(model, "shirt-net", ModelStatus.REGISTERED, null, 0.875, t0));
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> entry = entry(model);
            assertThat(entry)
                    .containsEntry("status", "REGISTERED")
                    .containsEntry("name", "shirt-net")
                    .containsEntry("architecture", "cnn")
                    .containsEntry("version", 3);
            assertThat(((Number) entry.get("registeredTestAccuracy")).doubleValue())
                    .isCloseTo(0.875, within(1e-6));
            assertThat(entry.get("liveAccuracy")).as("not evaluated yet").isNull();
        });

        send(event(model, "shirt-net", ModelStatus.ARCHIVED, ModelStatus.REGISTERED, 0.875, t0.plusSeconds(20)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(entry(model)).containsEntry("status", "ARCHIVED"));

        // An older PRODUCTION event arrives late, then a poison record on the same key (same partition, so it is
        // consumed after it): once the poison is rejected, the late event has been handled, and must have lost.
        String poison = "{\"modelId\": \"" + model + "\", \"status\": \"SOLD\"";
        send(event(model, "shirt-net", ModelStatus.PRODUCTION, ModelStatus.REGISTERED, 0.875, t0.plusSeconds(10)));
        Broker.send(Topics.MODELS, List.of(Map.entry(model, utf8(poison))));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Broker.readValues(Topics.REJECTED, model, Rejection.class))
                        .singleElement()
                        .satisfies(r -> assertThat(r.topic()).isEqualTo(Topics.MODELS)));

        assertThat(entry(model)).containsEntry("status", "ARCHIVED");
        assertThat(storedStatus(model)).as("evaluation.registered_model").isEqualTo("ARCHIVED");
    }

    @Test
    void aPoisonRecordIsRejectedWithItsReasonAndTheNextEventApplied() {
        String model = "poison-model-" + UUID.randomUUID();
        String poisonKey = "poison-model-key-" + UUID.randomUUID();
        String noStatusKey = "no-status-key-" + UUID.randomUUID();
        Broker.send(
                Topics.MODELS,
                List.of(
                        Map.entry(poisonKey, utf8("this is not JSON")),
                        Map.entry(
                                noStatusKey,
                                utf8("{\"modelId\": \"" + model + "\", \"name\": \"x\", \"version\": 1}"))));
        send(event(model, "boot-net", ModelStatus.REGISTERED, null, 0.5, Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Broker.readValues(Topics.REJECTED, poisonKey, Rejection.class))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.topic()).isEqualTo(Topics.MODELS);
                        assertThat(r.reason()).startsWith("invalid-json:");
                        assertThat(r.payload()).isEqualTo("this is not JSON");
                        assertThat(r.service()).isEqualTo("evaluation-service");
                    });
            assertThat(Broker.readValues(Topics.REJECTED, noStatusKey, Rejection.class))
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("status"));
        });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(entry(model))
                        .containsEntry("status", "REGISTERED")
                        .containsEntry("name", "boot-net"));
    }

    @Test
    void registeredTestAccuracyStandsBesideTheLiveAccuracyAndProductionComesFirst() {
        String model = "live-" + UUID.randomUUID();
        send(event(model, "live-net", ModelStatus.PRODUCTION, ModelStatus.REGISTERED, 0.9, Instant.now()));
        // 3 of 4 right
        sendPredictions(List.of(p(model, 1, 0, 0), p(model, 2, 1, 1), p(model, 3, 2, 2), p(model, 4, 3, 5)));
        awaitEvaluation(model, 4);

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> entry = entry(model);
            assertThat(entry).containsEntry("status", "PRODUCTION").containsEntry("liveCount", 4);
            assertThat(((Number) entry.get("registeredTestAccuracy")).doubleValue())
                    .isCloseTo(0.9, within(1e-6));
            assertThat(((Number) entry.get("liveAccuracy")).doubleValue()).isCloseTo(0.75, within(1e-6));
        });
        List<String> statuses = models().getList("status");
        int lastProduction = statuses.lastIndexOf("PRODUCTION");
        assertThat(statuses.subList(0, lastProduction + 1))
                .as("production first")
                .containsOnly("PRODUCTION");

        // the existing endpoint is unchanged: an Evaluation, no registry fields
        given().get("/api/evaluations/{id}", model)
                .then()
                .statusCode(200)
                .body("$", not(hasKey("status")))
                .body("count", equalTo(4));
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/models:"), containsString("registeredTestAccuracy"));
    }

    private static Prediction p(String model, int n, int trueLabel, int predicted) {
        return HandMadeSet.prediction(model, model + "-" + n, trueLabel, predicted);
    }

    /** Numbers come back as float: compare to 1e-6. */
    private static JsonPath models() {
        return given().get("/api/models").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> entry(String model) {
        List<Map<String, Object>> all = models().getList("$");
        return all.stream()
                .filter(m -> model.equals(m.get("modelId")))
                .findFirst()
                .orElse(Map.of());
    }

    private static String storedStatus(String model) throws Exception {
        PlatformEndpoints platform = SharedTestPlatform.get();
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password());
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status FROM evaluation.registered_model WHERE model_id = ?")) {
            select.setString(1, model);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
