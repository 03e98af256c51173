package dev.fmnist.inference.model;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads over real HTTP: verified, cached, capped, within a deadline on the whole body, no redirects. */
class ArtifactStoreTest {

    private static final byte[] CONTENT = "a model file".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LARGE = new byte[4000];

    @TempDir
    Path temp;

    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger elsewhere = new AtomicInteger();
    private ArtifactStore store;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
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
        server.createContext("/models/moved/artifact", exchange -> {
            exchange.getResponseHeaders().set("Location", url("/elsewhere/m1").toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere/m1", exchange -> {
            elsewhere.incrementAndGet();
            exchange.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CONTENT);
            }
        });
        server.createContext("/models/large/artifact", exchange -> {
            exchange.sendResponseHeaders(200, LARGE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(LARGE);
            }
        });
        server.createContext("/models/large-unannounced/artifact", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(LARGE);
            }
        });
        server.createContext("/models/slow/artifact", exchange -> {
            exchange.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CONTENT, 0, 2);
                out.flush();
                Thread.sleep(8000);
                out.write(CONTENT, 2, CONTENT.length - 2);
            } catch (InterruptedException | IOException e) {
                exchange.close();
            }
        });
        server.start();
        store = new ArtifactStore(temp.resolve("cache"), Duration.ofSeconds(2), 1000);
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
    void aFileWhoseChecksumDiffersIsRefusedAndNotKept() {
        String wrong = sha256("another file".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.fetch(url("/models/m1/artifact"), wrong))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("checksum mismatch");
        assertThat(temp.resolve("cache")).isEmptyDirectory();
    }

    @Test
    void refusesWhatItCannotVerifyOrReach() throws Exception {
        Path local = Files.write(temp.resolve("model.zip"), CONTENT);

        assertThatThrownBy(() -> store.fetch(url("/models/m1/artifact"), null))
                .hasMessageContaining("no valid SHA-256");
        assertThatThrownBy(() -> store.fetch(url("/models/missing/artifact"), sha256(CONTENT)))
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> store.fetch(URI.create("ftp://host/model"), sha256(CONTENT)))
                .hasMessageContaining("unsupported artifact URL scheme 'ftp'");
        assertThatThrownBy(() -> store.fetch(local.toUri(), sha256(CONTENT)))
                .hasMessageContaining("unsupported artifact URL scheme 'file'");
    }

    @Test
    void aRedirectIsNotFollowed() {
        assertThatThrownBy(() -> store.fetch(url("/models/moved/artifact"), sha256(CONTENT)))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("HTTP 302")
                .hasMessageContaining("redirects are not followed");
        assertThat(elsewhere).as("nothing was asked of the redirect's target").hasValue(0);
    }

    @Test
    void aFileOverTheSizeCapIsRefusedWhetherItsLengthIsAnnouncedOrNot() {
        assertThatThrownBy(() -> store.fetch(url("/models/large/artifact"), sha256(LARGE)))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("announces 4000 bytes, more than the limit of 1000");
        assertThatThrownBy(() -> store.fetch(url("/models/large-unannounced/artifact"), sha256(LARGE)))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("sends more than the limit of 1000 bytes");
        assertThat(temp.resolve("cache")).isEmptyDirectory();
    }

    @Test
    void theDeadlineCoversTheWholeBodyNotOnlyTheHeaders() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> store.fetch(url("/models/slow/artifact"), sha256(CONTENT)))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("no complete answer")
                .hasMessageContaining("within PT2S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(temp.resolve("cache")).isEmptyDirectory();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
