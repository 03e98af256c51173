package dev.fmnist.cli.demo;

import com.sun.net.httpserver.HttpServer;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.console.Steps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Step 3 without the data package: the demo asks ingest-service to ingest its own folders (no path, so it downloads
 * the official files), and when that fails (offline) the error says exactly what to do. Against a stand-in
 * ingest-service that answers as the real one does when the download fails (400 with its reason).
 */
class DemoDownloadTest {

    private static final String OFFLINE_REASON = "no IDX files in /usr/share/datasets/fashion-mnist (install the "
            + "dataset-fashion-mnist package or set fmnist.ingest.data-dir), and the download fallback failed: "
            + "cannot download the official files from http://fashion-mnist.example/: connection refused";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void offlineIngestService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean ingest = "POST".equals(exchange.getRequestMethod());
            if (ingest) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            String body = ingest
                    ? "{\"status\":400,\"error\":\"Bad Request\",\"reason\":\"" + OFFLINE_REASON + "\"}"
                    : "{\"status\":404,\"reason\":\"unknown dataset\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ingest ? 400 : 404, bytes.length);
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
    void withoutTheDataPackageIngestDownloadsAndAFailedDownloadSaysWhatToDo() {
        Path downloads = Path.of("/tmp/project/.fmnist/data/fashion-mnist");
        StringWriter out = new StringWriter();
        DemoRunner demo = new DemoRunner(
                DemoSettings.downloading(downloads),
                new ServiceUrls(baseUrl, baseUrl, baseUrl, baseUrl),
                "localhost:1",
                new Steps(new PrintWriter(out, true), 7),
                false);

        assertThatThrownBy(demo::ingest)
                .hasMessageContaining("ingest-service answered 400 to POST " + baseUrl + "/datasets: " + OFFLINE_REASON)
                .hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("into " + downloads + "/")
                .hasMessageContaining("./fmnist demo --data-dir DIR");
        // no path: ingest-service reads its own data folder, else fills its download folder from the official address
        assertThat(bodies).containsExactly("{\"kind\":\"idx\",\"name\":\"fashion-mnist\"}");
        assertThat(out.toString())
                .contains("Ingest fashion-mnist from " + downloads)
                .contains("ingest-service downloads them (checksums verified)");
    }
}
