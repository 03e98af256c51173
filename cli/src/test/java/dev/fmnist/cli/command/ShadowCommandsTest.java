package dev.fmnist.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fmnist.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fmnist shadow}, {@code unshadow} and {@code compare} against stand-in training- and evaluation-services:
 * the calls they make, what they print, and what they say when refused or when no model is in shadow.
 */
class ShadowCommandsTest {

    /** A model's entry as training-service answers it, with status {@code %s}. */
    private static final String ENTRY = "{\"model\":{\"modelId\":\"%s\",\"name\":\"fmnist-classifier\",\"version\":2,"
            + "\"architecture\":\"mlp\",\"status\":\"%s\"},\"artifactUrl\":\"http://x/models/%1$s/artifact\","
            + "\"history\":[]}";

    private static final String COMPARISON = "[{\"modelId\":\"cnn-v3-1a2b\",\"modelVersion\":3,\"comparison\":{"
            + "\"championId\":\"mlp-v2-9f8e\",\"championVersion\":2,\"pairedImages\":4200,\"bothCorrect\":3600,"
            + "\"championOnly\":90,\"challengerOnly\":180,\"neitherCorrect\":330,\"championAccuracy\":0.8786,"
            + "\"challengerAccuracy\":0.9,\"accuracyDelta\":0.0214,\"deltaLow\":0.0139,\"deltaHigh\":0.0290,"
            + "\"confidence\":0.95,\"mcnemarP\":0.00000004,\"f1Delta\":[0,0,0,0,0,0,0,0,0,0],\"macroF1Delta\":0.02,"
            + "\"verdict\":\"BETTER\",\"somethingNew\":1},\"timestamp\":\"2026-12-02T05:00:00.123Z\"}]";

    /** What the stand-ins saw: method, path and decoded query. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private volatile int comparisonsStatus = 200;
    private volatile String comparisons = COMPARISON;
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void standInServices() throws IOException {
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
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        seen.add(method + " " + path + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
        int status = 200;
        String body;
        if (path.equals("/models/prod-v1-0000/shadow")) {
            status = 409;
            body = "{\"status\":409,\"error\":\"Conflict\",\"reason\":\"model prod-v1-0000 is in production: only a"
                    + " model that is not serving can be put in shadow beside it\"}";
        } else if (path.endsWith("/shadow")) {
            String id = path.substring("/models/".length(), path.length() - "/shadow".length());
            body = String.format(ENTRY, id, method.equals("POST") ? "SHADOW" : "REGISTERED");
        } else if (path.equals("/api/comparisons")) {
            status = comparisonsStatus;
            body = comparisons;
        } else {
            status = 404;
            body = "{\"status\":404,\"error\":\"Not Found\",\"reason\":\"nothing here\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void shadowPutsTheModelInShadowWithTheReasonGiven() {
        CliRun run = CliRun.of("shadow", "cnn-v3-1a2b", "--reason", "try the cnn & see", "--training-url", baseUrl);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seen).containsExactly("POST /models/cnn-v3-1a2b/shadow?reason=try the cnn & see");
        assertThat(run.out())
                .contains("Model cnn-v3-1a2b (mlp, version 2) is SHADOW")
                .contains("fmnist compare");
    }

    @Test
    void unshadowTakesItOutWithTheDefaultReason() {
        CliRun run = CliRun.of("unshadow", "cnn-v3-1a2b", "--training-url", baseUrl);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seen)
                .containsExactly("DELETE /models/cnn-v3-1a2b/shadow?reason=taken out of shadow with fmnist unshadow");
        assertThat(run.out()).contains("Model cnn-v3-1a2b (mlp, version 2) is REGISTERED again");
    }

    @Test
    void aRefusedShadowExitsWith1AndTheServicesReason() {
        CliRun run = CliRun.of("shadow", "prod-v1-0000", "--training-url", baseUrl);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("training-service answered 409").contains("model prod-v1-0000 is in production");
    }

    @Test
    void compareShowsEachChallengerAgainstTheChampion() {
        CliRun run = CliRun.of("compare", "--evaluation-url", baseUrl);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seen).containsExactly("GET /api/comparisons");
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0))
                .containsSubsequence(
                        "challenger",
                        "champion",
                        "paired",
                        "champion acc",
                        "challenger acc",
                        "delta [interval]",
                        "McNemar p",
                        "verdict");
        assertThat(lines.get(1))
                .containsSubsequence(
                        "cnn-v3-1a2b (v3)",
                        "mlp-v2-9f8e (v2)",
                        "4,200",
                        "87.86%",
                        "90.00%",
                        "+2.14 pt [+1.39 pt, +2.90 pt] (95%)",
                        "4.0e-08",
                        "BETTER",
                        "2026-12-02T05:00:00Z");
    }

    @Test
    void compareWithoutAModelInShadowSaysSo() {
        comparisons = "[]";
        CliRun empty = CliRun.of("compare", "--evaluation-url", baseUrl);
        assertThat(empty.status()).isZero();
        assertThat(empty.out()).startsWith("No model in shadow").contains("fmnist shadow MODEL-ID");

        comparisonsStatus = 404;
        comparisons = "{\"status\":404,\"error\":\"Not Found\"}";
        CliRun notThere = CliRun.of("compare", "--evaluation-url", baseUrl);
        assertThat(notThere.status()).isZero();
        assertThat(notThere.out()).startsWith("No model in shadow");
    }

    @Test
    void helpNamesTheArgumentsAndTheLimit() {
        assertThat(CliRun.of("--help").out())
                .containsPattern("shadow\\s+Put a model version in shadow")
                .containsPattern("unshadow\\s+Take a model version out of shadow")
                .containsPattern("compare\\s+Show how each model in shadow compares");
        assertThat(CliRun.of("shadow", "--help").out())
                .contains("MODEL-ID", "--reason", "max-shadows", "fmnist.predictions.shadow");
        assertThat(CliRun.of("unshadow", "--help").out()).contains("MODEL-ID", "--reason");
        assertThat(CliRun.of("compare", "--help").out()).contains("McNemar", "INSUFFICIENT", "/api/comparisons");
    }
}
