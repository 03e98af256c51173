package dev.fmnist.evaluation.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.ModelEvents;
import dev.fmnist.testing.HeadlessChromium;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * evaluations and of registry changes. Each panel's ECharts charts (per-class bars, accuracy and macro-F1 over time)
 * hold the REST API's figures and follow the stream too; the page reports no error.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class DashboardBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
            // the charts: ECharts drew both, the bars hold the API's per-class figures, the lines its stored history
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode charts = chromium.evaluate(chartsScript(model));
                JsonNode latest = api("/api/evaluations/" + model);
                JsonNode history = api("/api/evaluations/" + model + "/history");
                assertThat(charts.path("barCanvas").asInt())
                        .as("bar chart drawn")
                        .isPositive();
                assertThat(charts.path("lineCanvas").asInt())
                        .as("line chart drawn")
                        .isPositive();
                assertThat(texts(charts.path("barClasses"))).isEqualTo(field(latest.path("perClass"), "className"));
                assertThat(texts(charts.path("barSeries"))).containsExactly("Precision", "Recall", "F1");
                assertThat(numbers(charts.path("precision"))).isEqualTo(numbers(latest.path("perClass"), "precision"));
                assertThat(numbers(charts.path("recall"))).isEqualTo(numbers(latest.path("perClass"), "recall"));
                assertThat(numbers(charts.path("f1"))).isEqualTo(numbers(latest.path("perClass"), "f1"));
                assertThat(numbers(charts.path("f1")).get(0)).isEqualTo(1.0);
                assertThat(texts(charts.path("lineSeries"))).containsExactly("Accuracy", "Macro-F1");
                assertThat(texts(charts.path("times"))).isEqualTo(field(history, "timestamp"));
                assertThat(numbers(charts.path("accuracy"))).isEqualTo(numbers(history, "accuracy"));
                assertThat(numbers(charts.path("macroF1"))).isEqualTo(numbers(history, "macroF1"));
                assertThat(numbers(charts.path("accuracy"))).last().isEqualTo(0.75);
            });
            int pointsBefore =
                    chromium.evaluate(chartsScript(model)).path("accuracy").size();
            // a build artifact (not in git): what a user sees of a model with its charts
            Path shot = Path.of("target", "screenshots", "dashboard.png");
            chromium.screenshot(shot);
            assertThat(Files.size(shot)).as("screenshot saved").isPositive();
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
            // the line chart gained the new evaluation, without a reload, and still equals the stored history
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode charts = chromium.evaluate(chartsScript(model));
                JsonNode history = api("/api/evaluations/" + model + "/history");
                assertThat(charts.path("sameDocument").asText()).isEqualTo("yes");
                assertThat(charts.path("accuracy").size()).isGreaterThan(pointsBefore);
                assertThat(numbers(charts.path("accuracy"))).last().isEqualTo(0.875);
                assertThat(texts(charts.path("times"))).isEqualTo(field(history, "timestamp"));
                assertThat(numbers(charts.path("accuracy"))).isEqualTo(numbers(history, "accuracy"));
                assertThat(numbers(charts.path("macroF1"))).isEqualTo(numbers(history, "macroF1"));
                assertThat(numbers(charts.path("f1")))
                        .isEqualTo(numbers(api("/api/evaluations/" + model).path("perClass"), "f1"));
                assertThat(charts.path("lineCanvas").asInt()).isPositive();
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
                assertThat(chromium.evaluate(chartsScript(model))
                                .path("barCanvas")
                                .asInt())
                        .as("charts redrawn with the panel")
                        .isPositive();
            });
            assertThat(chromium.errors()).as("errors the page reported").isEmpty();
        }
    }

    private static JsonNode api(String path) throws Exception {
        return JSON.readTree(given().get(path).then().statusCode(200).extract().asString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(name).asText()));
        return out;
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNumber() ? n.asDouble() : null));
        return out;
    }

    private static List<Double> numbers(JsonNode array, String name) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(name).isNumber() ? n.path(name).asDouble() : null));
        return out;
    }

    /** Reads one model's two charts through ECharts' own API: what each chart was given to draw. */
    private static String chartsScript(String model) {
        return """
                (() => {
                  if (typeof echarts === 'undefined') { return {}; }
                  const s = Array.from(document.querySelectorAll('section.model'))
                    .find((x) => x.dataset.modelId === '%s');
                  if (!s) { return {}; }
                  const bar = s.querySelector('.per-class-chart');
                  const line = s.querySelector('.history-chart');
                  const b = bar && echarts.getInstanceByDom(bar);
                  const l = line && echarts.getInstanceByDom(line);
                  if (!b || !l) { return {}; }
                  const bo = b.getOption();
                  const lo = l.getOption();
                  return {
                    barCanvas: bar.querySelectorAll('canvas, svg').length,
                    lineCanvas: line.querySelectorAll('canvas, svg').length,
                    barClasses: bo.xAxis[0].data, barSeries: bo.series.map((x) => x.name),
                    precision: bo.series[0].data, recall: bo.series[1].data, f1: bo.series[2].data,
                    lineSeries: lo.series.map((x) => x.name), times: lo.xAxis[0].data,
                    accuracy: lo.series[0].data, macroF1: lo.series[1].data,
                    sameDocument: window.__sameDocument || 'no'
                  };
                })()""".formatted(model);
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
                      .map((r) => Array.from(r.querySelectorAll('td'))
                        .map((td) => (td.querySelector('.n') || td).textContent.trim())),
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
