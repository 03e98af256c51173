package dev.fmnist.evaluation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.metrics.InputProfiler;
import dev.fmnist.evaluation.persistence.JdbcModelStore;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.ModelEvents;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.HeadlessChromium;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The alerts end to end on the real broker and PostgreSQL: a production model whose registry event carries the
 * training split's profile, the fixture's test images streamed as they are (silent) and inverted (INPUT_DRIFT), and
 * hand-made predictions whose late part is mostly wrong (QUALITY_DROP, then cleared). Each alert is on fmnist.alerts
 * once and in {@code GET /api/alerts}. The test profile's drift window is 500 images, checked every second.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AlertsPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Pattern INPUT_PSI =
            Pattern.compile("fmnist_evaluation_drift_psi\\{kind=\"input\"[^}]*} ([0-9.eE+-]+|NaN)");

    @TestHTTPResource("/")
    URL root;

    @Inject
    JdbcModelStore models;

    private static IdxSplit train;
    private static IdxSplit test;

    @BeforeAll
    static void fixture() {
        train = IdxCodec.read(Fixtures.fashionMnistMini(), "train");
        test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
    }

    @Test
    void invertedImagesRaiseInputDriftWhereNormalOnesStaySilent() {
        String model = "drift-" + UUID.randomUUID();
        InputProfiler profiler = new InputProfiler();
        for (int i = 0; i < train.count(); i++) {
            profiler.add(train.image(i), train.label(i));
        }
        InputProfile reference = profiler.profile();
        ModelEvent base = ModelEvents.event(model, "drift-net", ModelStatus.PRODUCTION, null, 0.85, Instant.now());
        ModelEvents.send(new ModelEvent(
                base.modelId(),
                base.name(),
                base.version(),
                base.architecture(),
                base.status(),
                base.previousStatus(),
                base.metrics(),
                base.datasetId(),
                base.jobId(),
                base.artifactSha256(),
                base.artifactUrl(),
                base.reason(),
                base.timestamp(),
                reference));
        await().atMost(WAIT).until(() -> given().get("/api/models").asString().contains(model));
        assertThat(models.loadAll())
                .filteredOn(m -> m.modelId().equals(model))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.reference().images())
                            .as("stored with its reference")
                            .isEqualTo(train.count());
                    assertThat(m.reference().meanGrey()).containsExactly(reference.meanGrey());
                    assertThat(m.reference().background()).containsExactly(reference.background());
                    assertThat(m.reference().classShare()).containsExactly(reference.classShare());
                });

        // the 500 test images as they are (every other one without a label: the window takes both)
        Broker.send(Topics.IMAGES_INPUT, images(model + "-normal", false));
        await().during(Duration.ofSeconds(5))
                .atMost(WAIT)
                .until(() -> alerts(model, Alert.INPUT_DRIFT).isEmpty());
        double normalPsi = await().atMost(WAIT).until(AlertsPipelineTest::inputPsi, psi -> psi < 0.10);
        System.out.printf("INPUT_DRIFT, normal test images: input PSI %.4f (no alert)%n", normalPsi);

        // the same images inverted (255 - p)
        Broker.send(Topics.IMAGES_INPUT, images(model + "-inverted", true));
        List<Alert> raised = await().atMost(WAIT)
                .until(() -> Broker.readValues(Topics.ALERTS, model, Alert.class), list -> !list.isEmpty());
        Alert alert = raised.get(0);
        System.out.printf("INPUT_DRIFT, inverted test images: %s%n", alert.figures());
        assertThat(alert.type()).isEqualTo(Alert.INPUT_DRIFT);
        assertThat(alert.state()).isEqualTo(Alert.RAISED);
        assertThat(alert.modelId()).isEqualTo(model);
        assertThat(alert.modelVersion()).isEqualTo(3);
        assertThat(alert.figures().get("psi")).isGreaterThan(0.25);
        assertThat(alert.figures().get("images")).isEqualTo(500.0);
        assertThat(alert.figures().get("windowMeanGrey"))
                .isGreaterThan(alert.figures().get("referenceMeanGrey"));
        assertThat(alert.reason()).contains("mean grey PSI").contains("background PSI");
        assertThat(alert.window().start()).isNotNull();
        assertThat(alert.timestamp()).isNotNull();

        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(Broker.readValues(Topics.ALERTS, model, Alert.class))
                        .as("raised once, however often the window is checked")
                        .hasSize(1));
        assertThat(alerts(model, Alert.INPUT_DRIFT)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(alert.id());
            assertThat(a.state()).isEqualTo(Alert.RAISED);
            assertThat(a.figures()).isEqualTo(alert.figures());
        });
    }

    @Test
    void aMostlyWrongLatePartRaisesQualityDropOnceAndARecoveryClearsIt() throws Exception {
        String model = "quality-" + UUID.randomUUID();
        sendPredictions(predictions(model, 0, 1000, 9)); // 90 % right
        awaitEvaluation(model, 1000);
        assertThat(Broker.readValues(Topics.ALERTS, model, Alert.class)).isEmpty();

        sendPredictions(predictions(model, 1000, 1000, 4)); // 40 % right
        Alert raised = await().atMost(WAIT)
                .until(() -> Broker.readValues(Topics.ALERTS, model, Alert.class), list -> !list.isEmpty())
                .get(0);
        System.out.printf("QUALITY_DROP raised: %s%n", raised.reason());
        assertThat(raised.type()).isEqualTo(Alert.QUALITY_DROP);
        assertThat(raised.state()).isEqualTo(Alert.RAISED);
        assertThat(raised.modelVersion()).isEqualTo(1);
        assertThat(raised.figures().get("pValue")).isLessThan(0.01);
        assertThat(raised.figures().get("accuracyDrop")).isGreaterThan(0.05);
        assertThat(raised.figures().get("windowCount")).isGreaterThanOrEqualTo(500.0);
        assertThat(raised.figures().get("referenceCount")).isGreaterThanOrEqualTo(500.0);
        assertThat(raised.window()).isNotNull();

        awaitEvaluation(model, 2000);
        sendPredictions(predictions(model, 2000, 2000, 9)); // right again
        awaitEvaluation(model, 4000);
        List<Alert> sent = await().atMost(WAIT)
                .until(() -> Broker.readValues(Topics.ALERTS, model, Alert.class), list -> list.size() >= 2);
        assertThat(sent).extracting(Alert::state).containsExactly(Alert.RAISED, Alert.CLEARED);
        assertThat(sent).extracting(Alert::type).containsOnly(Alert.QUALITY_DROP);
        assertThat(sent.get(1).figures().get("accuracyDrop")).isLessThan(0.025);
        assertThat(alerts(model, Alert.QUALITY_DROP))
                .extracting(Alert::id)
                .as("newest first")
                .containsExactly(sent.get(1).id(), sent.get(0).id());

        if (HeadlessChromium.installed()) {
            dashboardListsThem(model, sent);
        }

        given().queryParam("limit", 0)
                .get("/api/alerts")
                .then()
                .statusCode(400)
                .body("reason", containsString("limit must be 1..1000, was 0"));
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/alerts"));
    }

    /** The dashboard's alerts panel in a real headless Chromium: both alerts, newest first, with their reasons. */
    private void dashboardListsThem(String model, List<Alert> sent) throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(root.toString());
            String rows = "Array.from(document.querySelectorAll('#alerts li.alert-row'))"
                    + ".filter((r) => r.dataset.modelId === '" + model + "')";
            chromium.await(rows + ".length === 2", Duration.ofSeconds(20));
            JsonNode shown = chromium.evaluate(rows + ".map((r) => ({id: r.dataset.alertId, state: r.dataset.state,"
                    + " type: r.querySelector('.alert-type').textContent,"
                    + " reason: r.querySelector('.alert-reason').textContent}))");
            assertThat(shown.get(0).path("id").asText()).isEqualTo(sent.get(1).id());
            assertThat(shown.get(0).path("state").asText()).isEqualTo(Alert.CLEARED);
            assertThat(shown.get(1).path("state").asText()).isEqualTo(Alert.RAISED);
            assertThat(shown.get(1).path("type").asText()).isEqualTo("Quality drop");
            assertThat(shown.get(1).path("reason").asText())
                    .isEqualTo(sent.get(0).reason());
            assertThat(chromium.errors()).as("errors the page reported").isEmpty();
        }
    }

    /** @return {@code count} predictions from image {@code first} on, {@code rightOfTen} in ten right */
    private static List<Prediction> predictions(String model, int first, int count, int rightOfTen) {
        List<Prediction> predictions = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            int trueLabel = i % 10;
            boolean right = (i / 10) % 10 < rightOfTen;
            predictions.add(HandMadeSet.prediction(
                    model, model + "-" + i, trueLabel, right ? trueLabel : (trueLabel + 1) % 10));
        }
        return predictions;
    }

    private static List<Map.Entry<String, byte[]>> images(String prefix, boolean inverted) {
        List<Map.Entry<String, byte[]>> images = new ArrayList<>();
        for (int i = 0; i < test.count(); i++) {
            byte[] pixels = test.image(i);
            if (inverted) {
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = (byte) (255 - (pixels[p] & 0xFF));
                }
            }
            String id = prefix + "-" + i;
            images.add(Map.entry(
                    id, JsonCodec.toBytes(InputImage.ofPixels(id, pixels, i % 2 == 0 ? test.label(i) : null))));
        }
        return images;
    }

    private static List<Alert> alerts(String model, String type) {
        Alert[] all = JsonCodec.fromJson(
                given().queryParam("limit", 1000)
                        .get("/api/alerts")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                Alert[].class);
        return List.of(all).stream()
                .filter(a -> model.equals(a.modelId()) && type.equals(a.type()))
                .toList();
    }

    private static double inputPsi() {
        Matcher matcher = INPUT_PSI.matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
