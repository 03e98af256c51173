package dev.fmnist.evaluation.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.HeadlessChromium;
import dev.fmnist.evaluation.testing.ModelEvents;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The dashboard in a real headless Chromium: the first view is server-rendered, then it follows the SSE streams of
 * evaluations and of registry changes.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void showsAModelsFiguresAndMatrixAndUpdatesLiveWithoutReload() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.BINARY);
        String model = "dash-" + UUID.randomUUID();
        Instant registeredAt = Instant.now();
        ModelEvents.send(ModelEvents.event(
                model, "dash-net", ModelStatus.PRODUCTION, ModelStatus.REGISTERED, 0.9, registeredAt));
        // 3 of 4 right; class 3 (Dress) taken for 5 (Sandal): accuracy 3/4, macro-F1 (1 + 1 + 1) / 10
        sendPredictions(List.of(p(model, 1, 0, 0), p(model, 2, 1, 1), p(model, 3, 2, 2), p(model, 4, 3, 5)));
        awaitEvaluation(model, 4);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/")
                        .then()
                        .statusCode(200)
                        .body(
                                containsString("data-model-id=\"" + model + "\""),
                                containsString("75.00 %"),
                                containsString("<span class=\"model-name\">dash-net</span>"),
                                containsString("<span class=\"badge status-production\">PRODUCTION</span>")));

        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(root.toString());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode panel = chromium.evaluate(panelScript(model));
                assertThat(panel.path("count").asText()).isEqualTo("4");
                assertThat(panel.path("accuracy").asText()).isEqualTo("75.00 %");
                assertThat(panel.path("macroF1").asText()).isEqualTo("0.3000");
                assertThat(cell(panel, 0, 0)).isEqualTo("1");
                assertThat(cell(panel, 3, 5)).isEqualTo("1");
                assertThat(cell(panel, 3, 3)).isEqualTo("0");
                assertThat(panel.path("heat").asText())
                        .as("diagonal cell coloured")
                        .contains("hsla(212");
                assertThat(panel.path("perClassRows").asInt()).isEqualTo(10);
                assertThat(panel.path("connection").asText()).isEqualTo("live");
                assertThat(panel.path("name").asText()).isEqualTo("dash-net");
                assertThat(panel.path("badge").asText()).isEqualTo("PRODUCTION");
                assertThat(panel.path("architecture").asText()).isEqualTo("cnn");
                assertThat(panel.path("registeredAccuracy").asText()).isEqualTo("90.00 %");
                assertThat(panel.path("sectionClass").asText()).contains("status-production");
            });
            chromium.evaluate("window.__sameDocument = 'yes'");

            // four more, all right: 7/8; class 5 now P 1/2, R 1, F1 2/3; macro-F1 (6 + 2/3) / 10
            sendPredictions(List.of(p(model, 5, 4, 4), p(model, 6, 5, 5), p(model, 7, 6, 6), p(model, 8, 7, 7)));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode panel = chromium.evaluate(panelScript(model));
                assertThat(panel.path("count").asText()).isEqualTo("8");
                assertThat(panel.path("accuracy").asText()).isEqualTo("87.50 %");
                assertThat(panel.path("macroF1").asText()).isEqualTo("0.6667");
                assertThat(cell(panel, 7, 7)).isEqualTo("1");
                assertThat(panel.path("sameDocument").asText())
                        .as("updated without a reload")
                        .isEqualTo("yes");
            });

            // the model is archived: its badge follows live, and its panel is dimmed
            ModelEvents.send(ModelEvents.event(
                    model, "dash-net", ModelStatus.ARCHIVED, ModelStatus.PRODUCTION, 0.9, registeredAt.plusSeconds(1)));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode panel = chromium.evaluate(panelScript(model));
                assertThat(panel.path("badge").asText()).isEqualTo("ARCHIVED");
                assertThat(panel.path("sectionClass").asText()).contains("status-archived");
                assertThat(panel.path("opacity").asDouble()).as("dimmed").isLessThan(1.0);
                assertThat(panel.path("count").asText()).isEqualTo("8");
                assertThat(panel.path("sameDocument").asText()).isEqualTo("yes");
            });
        }
    }

    private static Prediction p(String model, int n, int trueLabel, int predicted) {
        return HandMadeSet.prediction(model, model + "-" + n, trueLabel, predicted);
    }

    private static String cell(JsonNode panel, int t, int p) {
        return panel.path("matrix").path(t).path(p).asText();
    }

    /** Reads one model's panel from the live DOM. */
    private static String panelScript(String model) {
        return """
                (() => {
                  const s = Array.from(document.querySelectorAll('section.model'))
                    .find((x) => x.dataset.modelId === '%s');
                  if (!s) { return {}; }
                  const text = (css) => s.querySelector(css).textContent.trim();
                  return {
                    count: text('.count'), accuracy: text('.accuracy'), macroF1: text('.macro-f1'),
                    matrix: Array.from(s.querySelectorAll('table.matrix tbody tr'))
                      .map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent.trim())),
                    heat: s.querySelector('table.matrix tbody td').getAttribute('style'),
                    perClassRows: s.querySelectorAll('table.per-class tbody tr').length,
                    connection: document.getElementById('connection').textContent,
                    name: text('.model-name'), badge: text('.badge'), architecture: text('.architecture'),
                    registeredAccuracy: text('.registered-accuracy'), sectionClass: s.className,
                    opacity: getComputedStyle(s).opacity,
                    sameDocument: window.__sameDocument || 'no'
                  };
                })()""".formatted(model);
    }
}
