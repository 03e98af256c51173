package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.PredictionFlow;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fmnist.evaluation.testing.Broker.utf8;
import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.evaluations;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The service end to end: predictions on the real broker in, evaluations out, counts in the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class EvaluationPipelineTest {

    private static final Duration CONTRACT_DELAY = PredictionFlow.CONTRACT_DELAY;

    @Test
    void emittedEvaluationMatchesTheHandComputedOracle() {
        String model = "oracle-" + UUID.randomUUID();
        List<Prediction> predictions = new ArrayList<>(HandMadeSet.predictions(model));
        predictions.add(predictions.get(0)); // delivered twice
        predictions.add(HandMadeSet.prediction(model, model + "-x", null, 4)); // no ground truth: not counted
        sendPredictions(predictions);

        Evaluation e = awaitEvaluation(model, HandMadeSet.COUNT);

        assertThat(e.modelVersion()).isEqualTo(1);
        assertThat(e.classes()).isEqualTo(FashionLabels.NAMES);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        assertThat(Arrays.stream(e.confusionMatrix())
                        .flatMapToLong(Arrays::stream)
                        .sum())
                .as("the matrix sums to the distinct labelled images")
                .isEqualTo(HandMadeSet.COUNT);
        assertThat(e.accuracy()).isCloseTo(HandMadeSet.ACCURACY, within(1e-12));
        assertThat(e.macroF1()).isCloseTo(HandMadeSet.MACRO_F1, within(1e-12));
        assertThat(e.weightedF1()).isCloseTo(HandMadeSet.WEIGHTED_F1, within(1e-12));
        for (ClassMetrics c : e.perClass()) {
            assertThat(new double[] {c.precision(), c.recall(), c.f1()})
                    .as("class %d", c.label())
                    .containsExactly(HandMadeSet.PER_CLASS[c.label()], within(1e-12));
            assertThat(c.support()).isEqualTo(HandMadeSet.SUPPORT[c.label()]);
            assertThat(c.className()).isEqualTo(FashionLabels.name(c.label()));
        }
        assertThat(e.recent().count()).as("W=1000 holds all ten").isEqualTo(10);
        assertThat(e.recent().accuracy()).isCloseTo(HandMadeSet.ACCURACY, within(1e-12));
        assertThat(e.window().start()).isNotNull();
        assertThat(e.timestamp()).isNotNull();

        given().get("/api/evaluations/{id}", model)
                .then()
                .statusCode(200)
                .body("count", equalTo(10))
                .body("accuracy", equalTo(0.6f));
    }

    @Test
    void redeliveredPredictionsCountOnceAndNewOnesContinueTheCount() {
        String model = "dup-" + UUID.randomUUID();
        List<Prediction> first = HandMadeSet.predictions(model);
        sendPredictions(first);
        awaitEvaluation(model, 10);

        // a later redelivery of three images (one with a different prediction) and one new image
        List<Prediction> second = new ArrayList<>(first.subList(0, 2));
        second.add(HandMadeSet.prediction(model, first.get(2).id(), 0, 0));
        second.add(HandMadeSet.prediction(model, model + "-new", 3, 3));
        sendPredictions(second);

        Evaluation e = awaitEvaluation(model, 11);
        long[][] expected = HandMadeSet.matrix();
        expected[3][3] = 1;
        assertThat(e.confusionMatrix()).isDeepEqualTo(expected);
        assertThat(Arrays.stream(e.confusionMatrix())
                        .flatMapToLong(Arrays::stream)
                        .sum())
                .isEqualTo(11);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(evaluations(model))
                        .allSatisfy(ev -> assertThat(ev.count()).isLessThanOrEqualTo(11)));
    }

    @Test
    void aPoisonRecordIsRejectedAndTheNextOneCounted() {
        String model = "poison-" + UUID.randomUUID();
        String poisonKey = "poison-key-" + UUID.randomUUID();
        String badLabelKey = "bad-label-" + UUID.randomUUID();
        Prediction next = HandMadeSet.prediction(model, model + "-ok", 7, 7);
        String badLabel = new String(dev.fmnist.contracts.json.JsonCodec.toBytes(next))
                .replace("\"trueLabel\":7", "\"trueLabel\":12");
        Broker.send(
                Topics.PREDICTIONS,
                List.of(
                        Map.entry(poisonKey, utf8("this is not JSON")),
                        Map.entry(badLabelKey, utf8(badLabel)),
                        Map.entry(next.id(), dev.fmnist.contracts.json.JsonCodec.toBytes(next))));

        await().atMost(CONTRACT_DELAY).untilAsserted(() -> {
            List<Rejection> poison = Broker.readValues(Topics.REJECTED, poisonKey, Rejection.class);
            assertThat(poison).singleElement().satisfies(r -> {
                assertThat(r.topic()).isEqualTo(Topics.PREDICTIONS);
                assertThat(r.reason()).startsWith("invalid-json:");
                assertThat(r.payload()).isEqualTo("this is not JSON");
                assertThat(r.service()).isEqualTo("evaluation-service");
            });
            assertThat(Broker.readValues(Topics.REJECTED, badLabelKey, Rejection.class))
                    .singleElement()
                    .satisfies(r ->
                            assertThat(r.reason()).startsWith("invalid-field:").contains("trueLabel"));
        });
        Evaluation e = awaitEvaluation(model, 1);
        assertThat(e.confusionMatrix()[7][7]).isEqualTo(1);
    }

    @Test
    void aValidRecordTheDatabaseCannotStoreIsRefusedAndTheRestOfItsBatchCounted() {
        String model = "isolated-" + UUID.randomUUID();
        List<Prediction> good = HandMadeSet.predictions(model);
        // passes the contract, but PostgreSQL's timestamptz ends in the year 294276: the insert of its batch fails
        Prediction farFuture = new Prediction(
                model + "-future",
                model,
                1,
                3,
                "Dress",
                HandMadeSet.prediction(model, "x", 3, 3).probabilities(),
                3,
                1.0,
                Instant.parse("+295000-01-01T00:00:00Z"));
        String nulKey = "nul-" + UUID.randomUUID();
        String nulId = new String(dev.fmnist.contracts.json.JsonCodec.toBytes(good.get(0)))
                .replace("\"id\":\"" + good.get(0).id() + "\"", "\"id\":\"a\\u0000b\"");
        List<Map.Entry<String, byte[]>> batch = new ArrayList<>();
        good.subList(0, 5).forEach(p -> batch.add(Map.entry(p.id(), dev.fmnist.contracts.json.JsonCodec.toBytes(p))));
        batch.add(Map.entry(farFuture.id(), dev.fmnist.contracts.json.JsonCodec.toBytes(farFuture)));
        batch.add(Map.entry(nulKey, utf8(nulId)));
        good.subList(5, 10).forEach(p -> batch.add(Map.entry(p.id(), dev.fmnist.contracts.json.JsonCodec.toBytes(p))));
        Broker.send(Topics.PREDICTIONS, batch);

        Evaluation e = awaitEvaluation(model, HandMadeSet.COUNT);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        await().atMost(CONTRACT_DELAY).untilAsserted(() -> {
            assertThat(Broker.readValues(Topics.REJECTED, farFuture.id(), Rejection.class))
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason()).startsWith("processing-failed:"));
            assertThat(Broker.readValues(Topics.REJECTED, nulKey, Rejection.class))
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason())
                            .isEqualTo("invalid-field: 'id' contains the control character U+0000 at position 1"));
        });
        // the consumer goes on: the next prediction is counted
        sendPredictions(List.of(HandMadeSet.prediction(model, model + "-after", 5, 5)));
        assertThat(awaitEvaluation(model, HandMadeSet.COUNT + 1).confusionMatrix()[5][5])
                .isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void restServesLatestHistoryAndAReasonForUnknownModels() {
        String model = "rest-" + UUID.randomUUID();
        sendPredictions(HandMadeSet.predictions(model).subList(0, 5));
        awaitEvaluation(model, 5);
        sendPredictions(HandMadeSet.predictions(model).subList(5, 10));
        awaitEvaluation(model, 10);

        await().atMost(CONTRACT_DELAY)
                .untilAsserted(() -> given().get("/api/evaluations/{id}", model)
                        .then()
                        .statusCode(200)
                        .body("count", equalTo(10)));
        List<Integer> counts = given().get("/api/evaluations/{id}/history", model)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("count", Integer.class);
        assertThat(counts).as("oldest first").startsWith(5).endsWith(10).isSorted();
        assertThat(given().get("/api/evaluations")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("modelId", String.class))
                .contains(model);

        given().get("/api/evaluations/{id}", "no-such-model")
                .then()
                .statusCode(404)
                .body("status", equalTo(404))
                .body("error", equalTo("Not Found"))
                .body("reason", startsWith("no labelled prediction"))
                .body("$", not(hasKey("rule")));
        given().get("/api/evaluations/{id}/history", "no-such-model").then().statusCode(404);
        given().queryParam("limit", 0)
                .get("/api/evaluations/{id}/history", model)
                .then()
                .statusCode(400)
                .body("error", equalTo("Bad Request"))
                .body("reason", startsWith("limit must be 1.."));
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/evaluations/{modelId}/history"))
                .body("paths", hasKey("/api/evaluations/stream"))
                .body("paths", not(hasKey("/")));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fmnist_evaluation_predictions_total{outcome=\"counted\"}"))
                .body(containsString("fmnist_evaluation_snapshots_emitted_total"));
    }
}
