package dev.fmnist.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fmnist.cli.CliRun;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.platform.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fmnist search} against a stand-in training-service: the job it submits, the trial lines as the search
 * goes on, the final model, and what it says when the search is refused or nothing answers.
 */
class SearchCommandTest {

    /** Bodies of the POST /jobs the stand-in received. */
    private final List<String> posted = new CopyOnWriteArrayList<>();

    /** GET /searches/{id} answered so far. */
    private final AtomicInteger looks = new AtomicInteger();

    private volatile String refusal;
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void standInTrainingService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String body;
        if (exchange.getRequestMethod().equals("POST") && path.equals("/jobs")) {
            String job = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.add(job);
            if (refusal != null) {
                status = 400;
                body = "{\"error\":\"invalid-field\",\"reason\":\"" + refusal + "\"}";
            } else {
                status = 202;
                body = "{\"jobId\":\""
                        + JsonCodec.mapper().readTree(job).get("jobId").asText() + "\",\"status\":\"SUBMITTED\"}";
            }
        } else if (path.startsWith("/searches/")) {
            String id = path.substring("/searches/".length());
            int look = looks.incrementAndGet();
            if (look == 1) {
                status = 404;
                body = "{\"error\":\"not-found\"}";
            } else {
                body = search(id, look == 2 ? "RUNNING" : "COMPLETED");
            }
        } else if (path.startsWith("/jobs/") && path.endsWith(".best")) {
            body = "{\"jobId\":\"" + path.substring(6) + "\",\"status\":\"COMPLETED\",\"modelId\":\"m-7\","
                    + "\"promotion\":{\"status\":\"PRODUCTION\",\"reason\":\"first model\"}}";
        } else if (path.equals("/models/m-7")) {
            body = "{\"model\":{\"modelId\":\"m-7\",\"status\":\"PRODUCTION\",\"test\":{\"accuracy\":0.8123,"
                    + "\"macroF1\":0.8,\"count\":500},\"trainingSeconds\":12}}";
        } else {
            status = 404;
            body = "{\"error\":\"not-found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Two trials of two folds: the first has ended while RUNNING, the second too once COMPLETED. */
    private static String search(String id, String status) {
        boolean done = status.equals("COMPLETED");
        return """
                {"searchId":"%1$s","status":"%2$s","dataset":"fashion-mnist-mini","folds":2,"metric":"accuracy",
                 "trialsTotal":2,"trialsDone":%3$d,
                 "trials":[
                  {"trial":1,"config":{"learningRate":0.001},"status":"COMPLETED","mean":0.75,"sd":0.0141,
                   "folds":[{"fold":0,"jobId":"%1$s.t01.f0","status":"COMPLETED","score":0.74,"instance":"training-a"},
                            {"fold":1,"jobId":"%1$s.t01.f1","status":"COMPLETED","score":0.76,"instance":"training-b"}]},
                  {"trial":2,"config":{"learningRate":0.003},"status":"%4$s","mean":%5$s,"sd":%6$s,
                   "folds":[{"fold":0,"jobId":"%1$s.t02.f0","status":"COMPLETED","score":0.8,"instance":"training-b"},
                            {"fold":1,"jobId":"%1$s.t02.f1","status":"%4$s","score":%7$s,"instance":"training-b"}]}],
                 "best":{"trial":%8$d,"mean":%9$s,"sd":%6$s},
                 "finalJobId":%10$s,"modelId":%11$s,"someFieldOfLater":1}
                """.formatted(
                        id,
                        status,
                        done ? 2 : 1,
                        done ? "COMPLETED" : "RUNNING",
                        done ? "0.81" : "null",
                        done ? "0.0141" : "null",
                        done ? "0.82" : "null",
                        done ? 2 : 1,
                        done ? "0.81" : "0.75",
                        done ? "\"" + id + ".best\"" : "null",
                        done ? "\"m-7\"" : "null");
    }

    @Test
    void aSearchPrintsEachTrialOnceAsItEndsThenTheBestAndItsModel() throws IOException {
        CliRun run = CliRun.of(
                "search",
                "--dataset",
                "fashion-mnist-mini",
                "--architecture",
                "mlp",
                "--epochs",
                "1",
                "--folds",
                "2",
                "--grid",
                "learningRate=0.001,0.003",
                "--grid",
                "hiddenLayers=[64];[128,64]",
                "--param",
                "dropout=0.1",
                "--seed",
                "7",
                "--training-url",
                baseUrl);

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode job = JsonCodec.mapper().readTree(posted.get(0));
        String id = job.get("jobId").asText();
        assertThat(job.get("kind").asText()).isEqualTo("search");
        assertThat(job.get("architecture").asText()).isEqualTo("mlp");
        assertThat(job.get("epochs").asInt()).isEqualTo(1);
        assertThat(job.get("seed").asLong()).isEqualTo(7);
        assertThat(job.get("params").toString()).isEqualTo("{\"dropout\":0.1}");
        assertThat(job.get("search").toString())
                .isEqualTo("{\"grid\":{\"learningRate\":[0.001,0.003],\"hiddenLayers\":[[64],[128,64]]},"
                        + "\"folds\":2,\"metric\":\"accuracy\"}");
        assertThat(run.out().lines())
                .containsExactly(
                        "Search " + id + ": 4 configurations of mlp on fashion-mnist-mini, accuracy over 2 folds"
                                + " (Ctrl-C stops watching, not the search: ./fmnist search show " + id + ")",
                        "trial 1/2  lr=0.001  0.7500 ± 0.0141  folds 0.7400 0.7600  (training-a, training-b)",
                        "trial 2/2  lr=0.003  0.8100 ± 0.0141  folds 0.8000 0.8200  (training-b)",
                        "Best: trial 2  lr=0.003  0.8100 ± 0.0141",
                        "Final job " + id + ".best (the best configuration on the full training split): completed,"
                                + " model m-7, status PRODUCTION (first model), test accuracy 81.23%, macro-F1"
                                + " 0.8000, trained in 12s");
    }

    @Test
    void showPrintsTheTableOnceAndAnUnknownSearchIsExitStatusOne() {
        looks.set(2); // past the stand-in's first 404
        CliRun show = CliRun.of("search", "show", "s9", "--training-url", baseUrl);

        assertThat(show.status()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("Search s9: COMPLETED on fashion-mnist-mini, accuracy over 2 folds, 2/2 trials done")
                .containsPattern("\\n  1 +lr=0.001 +0.7500 +0.0141 +0.7400 0.7600 +training-a, training-b +COMPLETED")
                .containsPattern("\\n  2 \\* +lr=0.003 +0.8100 +0.0141 +0.8000 0.8200 +training-b +COMPLETED")
                .contains("Best: trial 2  lr=0.003  0.8100 ± 0.0141", "Final job s9.best: model m-7");
        assertThat(rows(show.out())).isEqualTo(2);

        looks.set(0); // the stand-in's next answer is a 404
        CliRun unknown = CliRun.of("search", "show", "nope", "--training-url", baseUrl);
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("No search nope");
    }

    @Test
    void noWaitPrintsTheSearchIdAlone() throws IOException {
        CliRun run = CliRun.of(
                "search",
                "--arch",
                "softmax",
                "--epochs",
                "1",
                "--grid",
                "learningRate=0.1,0.2",
                "--no-wait",
                "--training-url",
                baseUrl);

        assertThat(run.status()).as(run.err()).isZero();
        String id = JsonCodec.mapper().readTree(posted.get(0)).get("jobId").asText();
        assertThat(run.out().strip()).isEqualTo(id);
        assertThat(run.err()).contains("./fmnist search show " + id);
        assertThat(looks.get()).isZero();
    }

    @Test
    void aRefusedSearchPrintsTheServicesReason() {
        refusal = "invalid-field: search.folds must be 2..10, was 11";
        CliRun run = CliRun.of(
                "search",
                "--arch",
                "mlp",
                "--epochs",
                "1",
                "--folds",
                "11",
                "--grid",
                "learningRate=0.1,0.2",
                "--training-url",
                baseUrl);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("training-service answered 400 to POST " + baseUrl + "/jobs")
                .contains("invalid-field: search.folds must be 2..10, was 11");
    }

    @Test
    void aBadGridOrAMissingBaseIsAUsageErrorBeforeAnythingIsSent() {
        CliRun noGrid = CliRun.of("search", "--arch", "mlp", "--epochs", "1", "--training-url", baseUrl);
        assertThat(noGrid.status()).isEqualTo(2);
        assertThat(noGrid.err()).contains("Missing required option: '--grid=NAME=V1,V2'");

        CliRun badGrid = CliRun.of("search", "--arch", "mlp", "--epochs", "1", "--grid", "epochs=1,2.5");
        assertThat(badGrid.status()).isEqualTo(2);
        assertThat(badGrid.err()).contains("Invalid value for option '--grid'", "positive integers, got 2.5");

        CliRun noEpochs = CliRun.of("search", "--arch", "mlp", "--grid", "learningRate=0.1", "--training-url", baseUrl);
        assertThat(noEpochs.status()).isEqualTo(2);
        assertThat(noEpochs.err()).contains("'--epochs=N'");

        CliRun twice = CliRun.of(
                "search",
                "--arch",
                "mlp",
                "--epochs",
                "1",
                "--grid",
                "epochs=1",
                "--grid",
                "epochs=2",
                "--training-url",
                baseUrl);
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("--grid epochs is given twice");
        assertThat(posted).isEmpty();
    }

    @Test
    void anUnreachableServiceIsNamedWithItsUrl() {
        String nowhere = "http://localhost:" + FreePorts.pick(1)[0];
        CliRun search = CliRun.of(
                "search", "--arch", "mlp", "--epochs", "1", "--grid", "learningRate=0.1", "--training-url", nowhere);
        assertThat(search.status()).isEqualTo(1);
        assertThat(search.err()).contains("training-service is not reachable", "POST " + nowhere + "/jobs");

        CliRun show = CliRun.of("search", "show", "s1", "--training-url", nowhere);
        assertThat(show.status()).isEqualTo(1);
        assertThat(show.err()).contains("GET " + nowhere + "/searches/s1", "connection refused");
    }

    /** @return the table's rows: lines that start with two spaces and a trial number */
    static long rows(String out) {
        Matcher row = Pattern.compile("(?m)^  \\d+( \\*)? ").matcher(out);
        return row.results().count();
    }
}
