package dev.fmnist.evaluation.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Every view of the dashboard in a real headless Chromium, against evaluation-service alone: no training-service or
 * inference-service runs, so every call through the gateway fails (404 without the gateway, 502 with it) and each view
 * must say so instead of breaking. A production model with four labelled predictions (one Dress taken for a Sandal)
 * and a registered one without any are on the page.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class DashboardViewsBrowserTest {

    /** The views: path, name (screenshot), the nav link marked current. */
    private static final List<String[]> VIEWS = List.of(
            new String[] {"/", "evaluations", "Evaluations"},
            new String[] {"/models", "models", "Models"},
            new String[] {"/training", "training", "Training"},
            new String[] {"/mistakes", "mistakes", "Mistakes"},
            new String[] {"/try", "try", "Try it"});

    /** Failed loads that are expected here: the services behind the gateway and the APIs of other branches. */
    private static final Pattern EXPECTED_FAILED_LOAD = Pattern.compile(
            "Failed to load resource.*\"url\":\"[^\"]*/api/(training/|inference/|progress|evaluations/[^\"]*/(cells|mistakes))");

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A view's module has done its first load. */
    private static final String READY = "document.body !== null && document.body.dataset.ready === 'yes'";

    private static String production;
    private static String registered;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void models() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.BINARY);
        synchronized (DashboardViewsBrowserTest.class) {
            if (production != null) {
                return;
            }
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String prod = "views-prod-" + suffix;
            String reg = "views-reg-" + suffix;
            Instant at = Instant.now();
            ModelEvents.send(
                    ModelEvents.event(
                            prod, "views-a-" + suffix, ModelStatus.PRODUCTION, ModelStatus.REGISTERED, 0.9, at),
                    ModelEvents.event(reg, "views-b-" + suffix, ModelStatus.REGISTERED, null, 0.8, at));
            sendPredictions(List.of(p(prod, 1, 0, 0), p(prod, 2, 1, 1), p(prod, 3, 2, 2), p(prod, 4, 3, 5)));
            awaitEvaluation(prod, 4);
            await().atMost(WAIT)
                    .untilAsserted(() -> given().get("/api/models")
                            .then()
                            .body(containsString(reg), containsString("\"liveCount\":4")));
            production = prod;
            registered = reg;
        }
    }

    @Test
    void everyViewLoadsWithoutErrorsMarksItsNavLinkAndTheNavWorksByKeyboard() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            // following a nav link (a real link: Enter on it does the same as a click)
            chromium.open(url("/"));
            chromium.await(READY, WAIT);
            chromium.evaluate("document.querySelector('nav.views a[href=\"/models\"]').click()");
            chromium.await("location.pathname === '/models' && " + READY, WAIT);
            for (String[] view : VIEWS) {
                leave(chromium);
                chromium.open(url(view[0]));
                chromium.await(READY, WAIT);
                JsonNode nav = chromium.evaluate("""
                        (() => {
                          const links = Array.from(document.querySelectorAll('nav.views a'));
                          const focusable = links.filter((a) => { a.focus(); return document.activeElement === a
                            && a.tabIndex >= 0 && a.getAttribute('href'); });
                          return {
                            current: Array.from(document.querySelectorAll('nav.views a[aria-current="page"]'))
                              .map((a) => a.textContent.trim()),
                            links: links.map((a) => a.getAttribute('href')),
                            focusable: focusable.length,
                            token: document.getElementById('operator-token').type
                          };
                        })()""");
                assertThat(nav.path("current").toString()).isEqualTo("[\"" + view[2] + "\"]");
                assertThat(nav.path("links").toString())
                        .isEqualTo("[\"/\",\"/models\",\"/training\",\"/mistakes\",\"/try\"]");
                assertThat(nav.path("focusable").asInt())
                        .as("every nav link takes the keyboard focus")
                        .isEqualTo(5);
                assertThat(nav.path("token").asText()).isEqualTo("password");
                Path shot = Path.of("target", "screenshots", view[1] + ".png");
                chromium.screenshot(shot);
                assertThat(Files.size(shot)).isPositive();
            }
            assertThat(unexpected(chromium.errors()))
                    .as("errors the pages reported")
                    .isEmpty();
        }
    }

    @Test
    void modelsViewShowsEvaluationsOwnRegistryAndSaysTrainingServiceIsUnreachable() throws Exception {
        given().get("/models")
                .then()
                .statusCode(200)
                .body(containsString("data-model-id=\"" + production + "\""), containsString("75.00 %"));
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(url("/models"));
            chromium.await(READY, WAIT);
            JsonNode rows = chromium.evaluate(rowsScript());
            JsonNode prod = rows.path(production);
            assertThat(prod.path("status").asText()).isEqualTo("PRODUCTION");
            assertThat(prod.path("live").asText()).startsWith("75.00 %");
            assertThat(prod.path("test").asText()).isEqualTo("90.00 %");
            assertThat(prod.path("promote").asBoolean())
                    .as("no promote on production")
                    .isFalse();
            assertThat(rows.path(registered).path("status").asText()).isEqualTo("REGISTERED");
            assertThat(rows.path(registered).path("promote").asBoolean()).isTrue();
            JsonNode gateway = chromium.evaluate("({ text: document.getElementById('gateway-status').textContent, "
                    + "state: document.getElementById('gateway-status').dataset.state })");
            assertThat(gateway.path("state").asText()).isEqualTo("error");
            assertThat(gateway.path("text").asText()).contains("training-service is not reachable through the gateway");

            // sorting by name, both ways, keeps both rows
            chromium.evaluate("document.querySelector('button.sort[data-key=\"name\"]').click()");
            assertThat(order(chromium)).as("ascending by name").isLessThan(0);
            chromium.evaluate("document.querySelector('button.sort[data-key=\"name\"]').click()");
            assertThat(order(chromium)).as("descending by name").isGreaterThan(0);
            assertThat(chromium.evaluate("document.querySelector('th:has(button.sort[data-key=\"name\"])')"
                                    + ".getAttribute('aria-sort')")
                            .asText())
                    .isEqualTo("descending");

            // promote: the answer is shown, and the page stays usable
            chromium.evaluate(
                    "document.querySelector('tr[data-model-id=\"" + registered + "\"] button.promote').click()");
            chromium.await("document.getElementById('action-result').dataset.state === 'error'", WAIT);
            assertThat(chromium.evaluate("document.getElementById('action-result').textContent")
                            .asText())
                    .startsWith("Promote views-b-")
                    .contains("refused")
                    .contains("training-service is not reachable through the gateway");
            chromium.evaluate("document.getElementById('rollback').click()");
            chromium.await(
                    "document.getElementById('action-result').textContent.startsWith('Roll back refused')", WAIT);
            assertThat(unexpected(chromium.errors())).isEmpty();
        }
    }

    @Test
    void theOperatorTokenIsKeptInSessionStorageOnly() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(url("/training"));
            chromium.await(READY, WAIT);
            chromium.evaluate("document.getElementById('operator-token').value = 'secret-token-1';"
                    + "document.getElementById('token-save').click()");
            JsonNode saved = chromium.evaluate(storageScript());
            assertThat(saved.path("session").asText()).isEqualTo("secret-token-1");
            assertThat(saved.path("local").asInt())
                    .as("nothing in localStorage")
                    .isZero();
            assertThat(saved.path("state").asText()).isEqualTo("yes");
            assertThat(saved.path("field").asText())
                    .as("field cleared once saved")
                    .isEmpty();
            // a job submitted with the token: the refusal (here: no training-service) is shown, not thrown
            chromium.evaluate("document.getElementById('job-epochs').value = '1';"
                    + "document.getElementById('job-submit').click()");
            chromium.await("document.getElementById('job-result').dataset.state === 'error'", WAIT);
            assertThat(chromium.evaluate("document.getElementById('job-result').textContent")
                            .asText())
                    .startsWith("Refused: training-service is not reachable through the gateway");
            chromium.evaluate("document.getElementById('token-forget').click()");
            JsonNode forgotten = chromium.evaluate(storageScript());
            assertThat(forgotten.path("session").isNull()).isTrue();
            assertThat(forgotten.path("state").asText()).isEqualTo("no");
            assertThat(unexpected(chromium.errors())).isEmpty();
        }
    }

    @Test
    void heatmapCellsShowTheirShareAndOpenTheirImages() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(url("/"));
            chromium.await(READY + " && " + sectionOf(production) + " !== undefined", WAIT);
            JsonNode cells = chromium.evaluate("""
                    (() => {
                      const s = %s;
                      const a = (t, p) => s.querySelector('a.cell[data-true="' + t + '"][data-predicted="' + p + '"]');
                      return {
                        links: s.querySelectorAll('table.matrix td > a.cell[href]').length,
                        href: a(3, 5).getAttribute('href'), count: a(3, 5).dataset.count,
                        pct: a(3, 5).querySelector('.pct').textContent, emptyPct: a(3, 3).querySelector('.pct').textContent,
                        worst: Array.from(s.querySelectorAll('ol.worst li')).map((li) => li.textContent.trim()),
                        scroller: getComputedStyle(s.querySelector('.matrix-scroll')).overflowX
                      };
                    })()""".formatted(sectionOf(production)));
            assertThat(cells.path("links").asInt()).as("every cell is a link").isEqualTo(100);
            assertThat(cells.path("href").asText())
                    .isEqualTo("/mistakes?model=" + URLEncoder.encode(production, StandardCharsets.UTF_8)
                            + "&true=3&predicted=5");
            assertThat(cells.path("count").asText()).isEqualTo("1");
            assertThat(cells.path("pct").asText()).isEqualTo("100.0 %");
            assertThat(cells.path("emptyPct").asText()).isEmpty();
            assertThat(cells.path("worst").toString()).isEqualTo("[\"Dress → Sandal: 1 (100.0 % of Dress)\"]");
            assertThat(cells.path("scroller").asText()).isEqualTo("auto");

            chromium.evaluate(sectionOf(production) + ".querySelector('a.cell[data-true=\"3\"][data-predicted=\"5\"]')"
                    + ".click()");
            chromium.await("location.pathname === '/mistakes' && " + READY, WAIT);
            JsonNode mistakes = chromium.evaluate("""
                    ({ heading: document.getElementById('mistakes-heading').textContent,
                       model: document.getElementById('mistakes-model').value,
                       box: Object.assign({}, document.getElementById('gallery-box').dataset),
                       status: document.getElementById('gallery-status').textContent,
                       wrong: Array.from(document.querySelectorAll('#gallery .sample'))
                         .filter((s) => s.dataset.true !== '3' || s.dataset.predicted !== '5').length })""");
            assertThat(mistakes.path("heading").asText()).isEqualTo("Dress taken for Sandal");
            assertThat(mistakes.path("model").asText()).isEqualTo(production);
            assertThat(mistakes.path("box").path("true").asText()).isEqualTo("3");
            assertThat(mistakes.path("box").path("predicted").asText()).isEqualTo("5");
            assertThat(mistakes.path("status").asText())
                    .as("says what it shows or why not")
                    .isNotBlank();
            assertThat(mistakes.path("wrong").asInt())
                    .as("only the cell's images")
                    .isZero();
            assertThat(unexpected(chromium.errors())).isEmpty();
        }
    }

    @Test
    void tryItSendsThePickedFileAndDrawsGreyLevelsPixelForPixel() throws Exception {
        Path png = Files.createTempFile("try-", ".png");
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(3, 4, 0, 200);
        ImageIO.write(image, "png", png.toFile());
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(url("/try"));
            chromium.await(READY, WAIT);
            chromium.pickFile("#try-file", png);
            chromium.await("document.getElementById('try-status').dataset.state === 'error'", WAIT);
            assertThat(chromium.evaluate("document.getElementById('try-status').textContent")
                            .asText())
                    .as("the upload went to inference-service through the gateway, which is not there")
                    .startsWith("Refused: inference-service is not reachable through the gateway");
            assertThat(chromium.evaluate("document.getElementById('try-result').hidden")
                            .asBoolean())
                    .isTrue();

            // the grey levels an answer carries are drawn as they are, one canvas pixel each
            chromium.evaluate("""
                    window.__px = null;
                    import('/common.js').then((c) => {
                      const levels = new Uint8Array(784).map((_, i) => i % 256);
                      const canvas = document.createElement('canvas');
                      const drawn = c.drawPixels(canvas, btoa(String.fromCharCode(...levels)), 28, 28);
                      const d = canvas.getContext('2d').getImageData(0, 0, 28, 28).data;
                      window.__px = { drawn, width: canvas.width, height: canvas.height,
                        pixel300: [d[1200], d[1201], d[1202], d[1203]],
                        missing: c.drawPixels(document.createElement('canvas'), null, 28, 28) };
                    })""");
            chromium.await("window.__px !== null", WAIT);
            JsonNode px = chromium.evaluate("window.__px");
            assertThat(px.path("drawn").asBoolean()).isTrue();
            assertThat(px.path("width").asInt()).isEqualTo(28);
            assertThat(px.path("height").asInt()).isEqualTo(28);
            assertThat(px.path("pixel300").toString()).isEqualTo("[44,44,44,255]");
            assertThat(px.path("missing").asBoolean())
                    .as("null pixels: nothing drawn")
                    .isFalse();
            assertThat(unexpected(chromium.errors())).isEmpty();
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @Test
    void aPhoneSeesEveryViewWithoutSidewaysScrollingOutsideTheHeatmap() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            for (String[] view : VIEWS) {
                leave(chromium);
                chromium.open(url(view[0]));
                chromium.viewport(390, 844);
                chromium.await(READY, WAIT);
                Thread.sleep(300);
                JsonNode page = chromium.evaluate("""
                        (() => {
                          const m = document.querySelector('.matrix-scroll');
                          return { width: innerWidth, scroll: document.documentElement.scrollWidth,
                            matrixScrolls: m ? m.scrollWidth > m.clientWidth : null };
                        })()""");
                assertThat(page.path("width").asInt()).isEqualTo(390);
                assertThat(page.path("scroll").asInt())
                        .as(view[0] + " does not scroll sideways")
                        .isLessThanOrEqualTo(390);
                if (view[0].equals("/")) {
                    assertThat(page.path("matrixScrolls").asBoolean())
                            .as("the heatmap scrolls inside its box")
                            .isTrue();
                }
                chromium.screenshot(Path.of("target", "screenshots", view[1] + "-phone.png"));
            }
            assertThat(unexpected(chromium.errors())).isEmpty();
        }
    }

    /**
     * Leaves the open page, closing its event streams: the tabs of one browser share its six connections to a host,
     * and a page's streams hold theirs for as long as it is open.
     */
    private static void leave(HeadlessChromium chromium) {
        try {
            chromium.evaluate("location.href = 'about:blank'");
        } catch (IllegalStateException e) {
            // no page open yet
        }
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    private static List<String> unexpected(List<String> errors) {
        return errors.stream()
                .filter(e -> !EXPECTED_FAILED_LOAD.matcher(e).find())
                .toList();
    }

    private static Prediction p(String model, int n, int trueLabel, int predicted) {
        return HandMadeSet.prediction(model, model + "-" + n, trueLabel, predicted);
    }

    private static String sectionOf(String model) {
        return "Array.from(document.querySelectorAll('section.model')).find((x) => x.dataset.modelId === '" + model
                + "')";
    }

    /** @return the position of the production row minus that of the registered one */
    private static int order(HeadlessChromium chromium) {
        return chromium.evaluate("""
                        (() => { const ids = Array.from(document.querySelectorAll('#registry tbody tr'))
                          .map((r) => r.dataset.modelId); return ids.indexOf('%s') - ids.indexOf('%s'); })()""".formatted(production, registered)).asInt();
    }

    private static String rowsScript() {
        return """
                (() => {
                  const out = {};
                  document.querySelectorAll('#registry tbody tr').forEach((r) => {
                    out[r.dataset.modelId] = {
                      status: r.dataset.status, name: r.querySelector('.name').textContent,
                      live: r.querySelector('.live').textContent.trim(), test: r.querySelector('.test').textContent,
                      promote: Boolean(r.querySelector('button.promote'))
                    };
                  });
                  return out;
                })()""";
    }

    private static String storageScript() {
        return """
                ({ session: sessionStorage.getItem('fmnist.operatorToken'), local: localStorage.length,
                   state: document.getElementById('token-state').dataset.saved,
                   field: document.getElementById('operator-token').value })""";
    }
}
