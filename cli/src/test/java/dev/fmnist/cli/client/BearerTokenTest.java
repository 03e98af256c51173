package dev.fmnist.cli.client;

import com.sun.net.httpserver.HttpServer;
import dev.fmnist.cli.auth.TokenSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clients send the operator's token with their mutations only, and say where it comes from when refused. */
class BearerTokenTest {

    /** What the stand-in service saw: method, path, Authorization header (or "-"). */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void standInService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + " " + (auth == null ? "-" : auth));
            boolean mutation = List.of("POST", "DELETE").contains(exchange.getRequestMethod());
            int status = mutation && !"Bearer good".equals(auth) ? 401 : 200;
            String body = status == 401
                    ? "{\"status\":401,\"error\":\"Unauthorized\",\"reason\":\"authentication required\"}"
                    : exchange.getRequestURI().getPath().startsWith("/models/") || mutation
                            ? "{\"model\":{\"modelId\":\"m1\",\"status\":\"PRODUCTION\"}}"
                            : "[]";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void mutationsCarryTheBearerTokenAndReadsDoNot() {
        ServiceUrls urls = new ServiceUrls(baseUrl, baseUrl, baseUrl, baseUrl).withOperator(TokenSource.fixed("good"));

        assertThat(urls.trainingClient().promote("m1", null).modelId()).isEqualTo("m1");
        assertThat(urls.trainingClient().rollback().modelId()).isEqualTo("m1");
        assertThat(urls.trainingClient().shadow("m1", null).modelId()).isEqualTo("m1");
        assertThat(urls.trainingClient().unshadow("m1", null).modelId()).isEqualTo("m1");
        urls.trainingClient().models(null);
        urls.ingestClient().datasets();

        assertThat(seen)
                .containsExactly(
                        "POST /models/m1/promote Bearer good",
                        "POST /models/rollback Bearer good",
                        "POST /models/m1/shadow Bearer good",
                        "DELETE /models/m1/shadow Bearer good",
                        "GET /models -",
                        "GET /datasets -");
    }

    @Test
    void aRefusedMutationSaysWhereTheTokenComesFrom() {
        ServiceUrls anonymous = new ServiceUrls(baseUrl, baseUrl, baseUrl, baseUrl);

        assertThatThrownBy(() -> anonymous.ingestClient().replay("mini", "test", null, null))
                .isInstanceOfSatisfying(ServiceCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage())
                            .contains("ingest-service answered 401 to POST")
                            .contains("authentication required")
                            .contains(".fmnist/keys/jwt-private.pem")
                            .contains("FMNIST_TOKEN");
                });
        assertThat(seen).containsExactly("POST /datasets/mini/replay -");
    }
}
