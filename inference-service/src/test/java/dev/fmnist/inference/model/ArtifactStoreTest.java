package dev.fmnist.inference.model;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactStoreTest {

    private static final byte[] CONTENT = "a model file".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;
    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private ArtifactStore store;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/models/m1/artifact", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CONTENT);
            }
        });
        server.createContext("/models/missing/artifact", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        store = new ArtifactStore(temp.resolve("cache"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesOverHttpVerifiesAndCachesByChecksum() throws Exception {
        Path first = store.fetch(url("/models/m1/artifact"), sha256(CONTENT));
        Path again = store.fetch(url("/models/m1/artifact"), sha256(CONTENT).toUpperCase());

        assertThat(first).hasBinaryContent(CONTENT).isEqualTo(again);
        assertThat(downloads).hasValue(1);
    }

    @Test
    void fetchesFileUrls() throws Exception {
        Path source = Files.write(temp.resolve("model.zip"), CONTENT);

        Path cached = store.fetch(source.toUri().toString(), sha256(CONTENT));

        assertThat(cached).hasBinaryContent(CONTENT);
        Files.delete(source);
        assertThat(store.fetch(source.toUri().toString(), sha256(CONTENT))).hasBinaryContent(CONTENT);
    }

    @Test
    void aFileWhoseChecksumDiffersIsRefusedAndNotKept() throws Exception {
        String wrong = sha256("another file".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.fetch(url("/models/m1/artifact"), wrong))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("checksum mismatch");
        assertThat(temp.resolve("cache")).isEmptyDirectory();
    }

    @Test
    void refusesWhatItCannotVerifyOrReach() throws Exception {
        assertThatThrownBy(() -> store.fetch(url("/models/m1/artifact"), null))
                .hasMessageContaining("artifactSha256");
        assertThatThrownBy(() -> store.fetch(url("/models/missing/artifact"), sha256(CONTENT)))
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> store.fetch("ftp://host/model", sha256(CONTENT)))
                .hasMessageContaining("unsupported artifact URL scheme");
    }

    private String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
