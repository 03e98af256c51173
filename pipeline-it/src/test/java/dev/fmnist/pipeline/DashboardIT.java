package dev.fmnist.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fmnist.cli.auth.OperatorTokens;
import dev.fmnist.cli.client.ImagePublisher;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.HeadlessChromium;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as a user meets it: a real headless Chromium on evaluation-service's pages, in front of the four real
 * services on the fixture, after the demo put a model into production and streamed the test split through it. Every
 * view is checked against the public APIs it draws from, and kept as a screenshot in
 * {@code pipeline-it/target/screenshots/}.
 */
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A view's module has done its first load. */
    private static final String READY = "document.body.dataset.ready === 'yes'";

    private static final int LIVE_IMAGES = 40;
    private static final int SECOND_EPOCHS = 12;

    private static RunningPipeline pipeline;
    private static String dashboard;

    @BeforeAll
    static void runThePipeline() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.BINARY);
        pipeline = RunningPipeline.start("dashboard-it-mlp");
        dashboard = pipeline.services().baseUrl(PipelineService.EVALUATION);
    }

    @AfterAll
    static void stopEverything() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theEvaluationViewDrawsTheApisMatrixAndFillsInWithoutReload() throws Exception {
        String model = servingModel();
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            open(chromium, "/");
            chromium.await(READY + " && " + section(model), WAIT);
            JsonNode evaluation = get(dashboard + "/api/evaluations/" + model);
            long count = evaluation.path("count").asLong();
            assertThat(cells(chromium, model))
                    .as("the heatmap's cells, as the page shows them")
                    .isEqualTo(matrix(evaluation));
            chromium.evaluate("window.notReloaded = true");

            publishLabelled("dashboard-live", 0, LIVE_IMAGES);

            chromium.await(
                    "window.notReloaded && " + section(model) + ".querySelector('.count').textContent.trim() === '"
                            + (count + LIVE_IMAGES) + "'",
                    WAIT);
            assertThat(cells(chromium, model))
                    .as("the heatmap after the new evaluation, without reload")
                    .isEqualTo(matrix(get(dashboard + "/api/evaluations/" + model)));
            chromium.screenshot(SCREENSHOTS.resolve("evaluations.png"));
            noErrors(chromium, "evaluations");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void clickingAHeatmapCellListsTheImagesInIt() throws Exception {
        String model = pipeline.result().modelId();
        IdxSplit test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            open(chromium, "/");
            chromium.await(READY + " && " + section(model), WAIT);
            // the worst confusion of the demo model: the off-diagonal cell with the most images
            JsonNode worst = chromium.evaluate(section(model) + """
                    && Array.from(%s.querySelectorAll('table.matrix a.cell'))
                      .filter((a) => a.dataset.true !== a.dataset.predicted)
                      .map((a) => ({ t: Number(a.dataset.true), p: Number(a.dataset.predicted),
                                     n: Number(a.dataset.count) }))
                      .sort((x, y) => y.n - x.n)[0]""".formatted(section(model)));
            int t = worst.path("t").asInt();
            int p = worst.path("p").asInt();
            long inCell = worst.path("n").asLong();
            assertThat(inCell).as("the demo model confuses some classes").isPositive();

            chromium.evaluate(section(model) + ".querySelector('table.matrix a.cell[data-true=\"" + t
                    + "\"][data-predicted=\"" + p + "\"]').click()");
            chromium.await(
                    "location.pathname === '/mistakes' && document.querySelectorAll('#gallery li.sample').length > 0"
                            + " && Array.from(document.querySelectorAll('#gallery li.sample'))"
                            + ".every((li) => li.querySelector('canvas.pixels[data-drawn=yes], .no-pixels'))",
                    WAIT);
            JsonNode shown = chromium.evaluate("""
                    Array.from(document.querySelectorAll('#gallery li.sample')).map((li) => ({
                      id: li.dataset.id, t: Number(li.dataset.true), p: Number(li.dataset.predicted),
                      drawn: Boolean(li.querySelector('canvas.pixels[data-drawn=yes]')) }))""");
            JsonNode api = get(dashboard + "/api/evaluations/" + model + "/cells/" + t + "/" + p);

            assertThat(ids(shown)).as("the images listed are the cell's sample").isEqualTo(ids(api));
            assertThat(shown.size()).isEqualTo((int) Math.min(inCell, api.size()));
            for (JsonNode item : shown) {
                assertThat(item.path("t").asInt()).isEqualTo(t);
                assertThat(item.path("p").asInt()).isEqualTo(p);
                assertThat(item.path("drawn").asBoolean())
                        .as("%s is drawn from its pixels", item)
                        .isTrue();
                // the demo replayed the fixture's test split: <dataset>/test/<index>; its true label is the row's
                String id = item.path("id").asText();
                int index = Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
                assertThat(test.label(index)).as("true label of %s", id).isEqualTo(t);
            }
            chromium.screenshot(SCREENSHOTS.resolve("mistakes-cell.png"));

            open(chromium, "/mistakes?model=" + model);
            chromium.await(READY + " && document.querySelectorAll('#gallery li.sample').length > 0", WAIT);
            assertThat(chromium.evaluate(
                                    "Array.from(document.querySelectorAll('#gallery li.sample')).every((li) => li.dataset.true"
                                            + " !== li.dataset.predicted)")
                            .asBoolean())
                    .as("the gallery holds only mistakes")
                    .isTrue();
            chromium.screenshot(SCREENSHOTS.resolve("mistakes.png"));
            noErrors(chromium, "mistakes");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void tryItAnswersWhatPostPredictAnswersForTheSameFile() throws Exception {
        Path png = fixturePng(7);
        HttpResponse<String> direct = HTTP.send(
                HttpRequest.newBuilder(URI.create(pipeline.services().baseUrl(PipelineService.INFERENCE) + "/predict"))
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofFile(png))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
        JsonNode prediction = JSON.readTree(direct.body());

        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            open(chromium, "/try");
            chromium.await(READY, WAIT);
            chromium.pickFile("#try-file", png);
            chromium.await(
                    "document.getElementById('try-result').dataset.label !== undefined"
                            + " && document.getElementById('try-result').dataset.label !== ''",
                    WAIT);
            JsonNode page = chromium.evaluate("""
                    ({ label: Number(document.getElementById('try-result').dataset.label),
                       drawn: document.getElementById('try-input').dataset.drawn,
                       bars: Number(document.getElementById('try-chart').dataset.points),
                       model: document.getElementById('try-model').textContent })""");

            assertThat(page.path("label").asInt())
                    .isEqualTo(prediction.path("label").asInt());
            assertThat(page.path("model").asText())
                    .contains(prediction.path("modelId").asText());
            assertThat(page.path("drawn").asText()).isEqualTo("yes");
            assertThat(page.path("bars").asInt()).isEqualTo(10);
            chromium.screenshot(SCREENSHOTS.resolve("try.png"));
            noErrors(chromium, "try it");
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void anOperatorTrainsASecondModelWatchesItsCurvesComparesAndPromotesAndRollsBackFromThePage() throws Exception {
        String first = pipeline.result().modelId();
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            // train: the form, with the operator's token pasted into the header
            open(chromium, "/training");
            chromium.await(READY, WAIT);
            saveToken(chromium, operatorToken());
            chromium.evaluate("""
                    (() => {
                      const set = (id, v) => { document.getElementById(id).value = v; };
                      set('job-architecture', 'mlp'); set('job-dataset', '%s'); set('job-epochs', '%d');
                      set('job-batch-size', '8'); set('job-learning-rate', '0.001'); set('job-seed', '11');
                      set('job-name', 'dashboard-second');
                      document.getElementById('job-submit').click();
                    })()""".formatted(RunningPipeline.DATASET, SECOND_EPOCHS));
            chromium.await("document.getElementById('job-result').dataset.state === 'ok'", WAIT);
            String jobId = chromium.evaluate("document.getElementById('job-result').dataset.jobId")
                    .asText();

            // its curves gain points while it trains, without reload
            List<Integer> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            // the 202 comes when the job is on fmnist.training.jobs; its row exists once a replica has consumed it
            JsonNode job = getOnceStored(training() + "/jobs/" + jobId, Duration.ofSeconds(30));
            while (System.nanoTime() < deadline && !terminal(job)) {
                int points = points(chromium);
                if (seen.isEmpty() || seen.get(seen.size() - 1) != points) {
                    seen.add(points);
                }
                Thread.sleep(150);
                job = get(training() + "/jobs/" + jobId);
            }
            assertThat(job.path("status").asText()).as("the job: %s", job).isEqualTo("COMPLETED");
            chromium.await("Number(document.getElementById('epoch-chart').dataset.points) === " + SECOND_EPOCHS, WAIT);
            assertThat(seen.stream().filter(n -> n > 0 && n < SECOND_EPOCHS * 5).count())
                    .as("curve point counts seen while the job trained: %s", seen)
                    .isGreaterThanOrEqualTo(2);
            chromium.screenshot(SCREENSHOTS.resolve("training.png"));
            noErrors(chromium, "training");
            String second = job.path("modelId").asText();
            assertThat(second).isNotBlank();

            // both models serve once, so both have live evaluations to compare
            String production = servingModelOnceSettled(jobId, first, second);
            publishLabelled("dashboard-" + production, 100, 60);
            String other = production.equals(first) ? second : first;

            open(chromium, "/models");
            chromium.await(
                    READY + " && document.getElementById('gateway-status').dataset.state === 'ok'"
                            + " && document.querySelector('#registry tbody tr[data-model-id=\"" + second + "\"]')",
                    WAIT);

            // refused without credentials: the reason is shown, nothing changes
            chromium.evaluate("document.getElementById('token-forget').click()");
            clickPromote(chromium, other);
            chromium.await("document.getElementById('action-result').dataset.state === 'error'", WAIT);
            assertThat(chromium.evaluate("document.getElementById('action-result').dataset.status")
                            .asText())
                    .isEqualTo("401");
            assertThat(registryStatus(other)).isNotEqualTo(ModelStatus.PRODUCTION);

            // promote with the token
            saveToken(chromium, operatorToken());
            clickPromote(chromium, other);
            chromium.await("document.getElementById('action-result').dataset.state === 'ok'", WAIT);
            assertThat(registryStatus(other)).isEqualTo(ModelStatus.PRODUCTION);
            assertThat(registryStatus(production)).isEqualTo(ModelStatus.ARCHIVED);
            chromium.await(
                    "document.querySelector('#registry tbody tr[data-model-id=\"" + other
                            + "\"]').dataset.status === 'PRODUCTION'",
                    WAIT);
            awaitServing(other);
            publishLabelled("dashboard-" + other, 200, 60);

            // compare the two
            chromium.evaluate("""
                    (() => { const a = document.getElementById('compare-a'), b = document.getElementById('compare-b');
                      a.value = '%s'; a.dispatchEvent(new Event('change'));
                      b.value = '%s'; b.dispatchEvent(new Event('change')); })()""".formatted(first, second));
            chromium.await(
                    "Number(document.getElementById('f1-delta-chart').dataset.points) === 10"
                            + " && Number(document.getElementById('diff-chart').dataset.points) > 0",
                    WAIT);
            chromium.screenshot(SCREENSHOTS.resolve("models.png"));

            // roll back: the one in production before is back
            chromium.evaluate("document.getElementById('rollback').click()");
            chromium.await(
                    "document.getElementById('action-result').dataset.state === 'ok'"
                            + " && document.querySelector('#registry tbody tr[data-model-id=\"" + production
                            + "\"]').dataset.status === 'PRODUCTION'",
                    WAIT);
            assertThat(registryStatus(production)).isEqualTo(ModelStatus.PRODUCTION);
            assertThat(registryStatus(other)).isEqualTo(ModelStatus.ARCHIVED);

            // the audited history of the model promoted and rolled back
            chromium.evaluate("document.querySelector('#registry tbody tr[data-model-id=\"" + other
                    + "\"] button.details').click()");
            chromium.await(
                    "document.getElementById('detail').dataset.modelId === '" + other
                            + "' && document.querySelectorAll('#history li').length >= 2",
                    WAIT);
            assertThat(chromium.evaluate(
                                    "Array.from(document.querySelectorAll('#history li')).map((li) => li.dataset.status)")
                            .toString())
                    .contains("PRODUCTION", "ARCHIVED");
            chromium.screenshot(SCREENSHOTS.resolve("models-history.png"));
            assertThat(unexpected(chromium.errors(), "status of 401"))
                    .as("what the models view reported as errors")
                    .isEmpty();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyViewLoadsWithoutErrorsOnALaptopAndOnAPhone() throws Exception {
        for (String view : List.of("/", "/models", "/training", "/mistakes", "/try")) {
            try (HeadlessChromium chromium = HeadlessChromium.launch()) {
                open(chromium, view);
                chromium.await(READY, WAIT);
                chromium.viewport(390, 844);
                chromium.await(READY, WAIT);
                assertThat(chromium.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
                                .asBoolean())
                        .as("%s fits a phone's width", view)
                        .isTrue();
                chromium.screenshot(
                        SCREENSHOTS.resolve((view.equals("/") ? "evaluations" : view.substring(1)) + "-phone.png"));
                noErrors(chromium, view);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** GET that waits (up to {@code patience}) while the answer is 404, e.g. a job not consumed yet. */
    private static JsonNode getOnceStored(String url, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> response = send(url);
            if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                assertThat(response.statusCode())
                        .as("GET %s: %s", url, response.body())
                        .isEqualTo(200);
                return JSON.readTree(response.body());
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> send(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String operatorToken() {
        return OperatorTokens.sign(pipeline.services().keys().readPrivateKey(), "dashboard-it", Duration.ofMinutes(30));
    }

    /** Publishes fixture test images under new ids, with their labels, as a user would to fmnist.images.input. */
    private static void publishLabelled(String prefix, int from, int count) throws Exception {
        IdxSplit test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
        try (ImagePublisher publisher = new ImagePublisher(pipeline.platform().bootstrapServers())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                sent.add(publisher.send(InputImage.ofPixels(prefix + "/" + i, test.image(i), test.label(i))));
            }
            for (Future<RecordMetadata> f : sent) {
                ImagePublisher.await(f, Duration.ofSeconds(60));
            }
        }
    }

    /** @return a 28x28 8-bit grey PNG of fixture test image {@code index} */
    private static Path fixturePng(int index) throws IOException {
        IdxSplit test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 28, 28, test.image(index));
        Path file = Files.createTempFile(pipeline.data(), "try-", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static ModelStatus registryStatus(String modelId) {
        return pipeline.urls()
                .trainingClient()
                .model(modelId)
                .orElseThrow()
                .model()
                .status();
    }

    private static void noErrors(HeadlessChromium chromium, String view) {
        assertThat(chromium.errors())
                .as("what the %s view reported as errors", view)
                .isEmpty();
    }

    /** Opens a view at a laptop's size. */
    private static void open(HeadlessChromium chromium, String path) {
        chromium.open(dashboard + path);
        chromium.viewport(1280, 900);
    }

    private static String training() {
        return pipeline.services().baseUrl(PipelineService.TRAINING);
    }

    private static String section(String model) {
        return "Array.from(document.querySelectorAll('section.model')).find((s) => s.dataset.modelId === '" + model
                + "')";
    }

    /** @return the heatmap's counts as the page shows them, [true][predicted] */
    private static List<List<Long>> cells(HeadlessChromium chromium, String model) {
        JsonNode rows = chromium.evaluate("Array.from(" + section(model)
                + ".querySelectorAll('table.matrix tbody tr')).map((tr) => Array.from(tr.querySelectorAll('a.cell'))"
                + ".map((a) => Number(a.querySelector('.n').textContent.replace(/[^0-9]/g, ''))))");
        List<List<Long>> out = new ArrayList<>();
        rows.forEach(row -> {
            List<Long> r = new ArrayList<>();
            row.forEach(n -> r.add(n.asLong()));
            out.add(r);
        });
        return out;
    }

    private static List<List<Long>> matrix(JsonNode evaluation) {
        List<List<Long>> out = new ArrayList<>();
        evaluation.path("confusionMatrix").forEach(row -> {
            List<Long> r = new ArrayList<>();
            row.forEach(n -> r.add(n.asLong()));
            out.add(r);
        });
        return out;
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("id").asText()));
        return out;
    }

    private static String servingModel() throws IOException, InterruptedException {
        return get(pipeline.services().baseUrl(PipelineService.INFERENCE) + "/model")
                .path("modelId")
                .asText();
    }

    private static void awaitServing(String model) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!servingModel().equals(model)) {
            assertThat(System.nanoTime()).as("inference serves %s", model).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** @return the production model once the gate has decided on the job's model and inference serves it */
    private static String servingModelOnceSettled(String jobId, String first, String second) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode promotion = get(training() + "/jobs/" + jobId).path("promotion");
        while (promotion.path("status").asText().isEmpty()) {
            assertThat(System.nanoTime()).as("the gate decides on %s", second).isLessThan(deadline);
            Thread.sleep(200);
            promotion = get(training() + "/jobs/" + jobId).path("promotion");
        }
        String production = promotion.path("status").asText().equals("PRODUCTION") ? second : first;
        awaitServing(production);
        return production;
    }

    private static boolean terminal(JsonNode job) {
        String status = job.path("status").asText();
        return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
    }

    private static int points(HeadlessChromium chromium) {
        return chromium.evaluate("Number(document.getElementById('epoch-chart').dataset.points || 0)"
                        + " + Number(document.getElementById('batch-chart').dataset.points || 0)")
                .asInt();
    }

    private static void saveToken(HeadlessChromium chromium, String token) throws InterruptedException {
        chromium.evaluate("document.getElementById('operator-token').value = '" + token
                + "'; document.getElementById('token-save').click()");
        chromium.await("document.getElementById('token-state').dataset.saved === 'yes'", WAIT);
    }

    private static void clickPromote(HeadlessChromium chromium, String model) {
        chromium.evaluate("document.getElementById('action-result').dataset.state = '';"
                + " document.querySelector('#registry tbody tr[data-model-id=\"" + model
                + "\"] button.promote').click()");
    }

    private static List<String> unexpected(List<String> errors, String expected) {
        return errors.stream().filter(e -> !e.contains(expected)).toList();
    }
}
