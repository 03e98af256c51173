package dev.fmnist.evaluation.comparison;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The auto-promotion's test profile (real broker and PostgreSQL): auto-promote on, verdicts from 200 paired images, an
 * RSA key pair made for the run (its private half in a PEM file the service signs with), and a stand-in
 * training-service (the JDK's HTTP server) recording every request it receives and answering 200.
 */
public class AutoPromotion implements QuarkusTestProfile {

    /** Fewest paired images for a verdict in this profile. */
    static final int MIN_PAIRED = 200;

    static KeyPair keys;
    static final List<Received> received = new CopyOnWriteArrayList<>();

    /** A request the stand-in received. */
    record Received(String method, String uri, String authorization) {}

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StandInTraining.class));
    }

    /** Makes the key pair and starts the stand-in before the application, and hands both to it. */
    public static class StandInTraining implements QuarkusTestResourceLifecycleManager {

        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                Path pem = Files.createTempFile("evaluation-signing-", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(
                        pem,
                        "-----BEGIN PRIVATE KEY-----\n"
                                + Base64.getMimeEncoder()
                                        .encodeToString(keys.getPrivate().getEncoded())
                                + "\n-----END PRIVATE KEY-----\n",
                        StandardCharsets.US_ASCII);
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
                server.createContext("/", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        received.add(new Received(
                                exchange.getRequestMethod(),
                                exchange.getRequestURI().getRawPath() + "?"
                                        + exchange.getRequestURI().getRawQuery(),
                                exchange.getRequestHeaders().getFirst("Authorization")));
                        byte[] body = "{\"model\": {}}".getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                });
                server.start();
                return Map.of(
                        "fmnist.evaluation.auto-promote",
                        "true",
                        "fmnist.evaluation.promotion.signing-key",
                        pem.toUri().toString(),
                        "fmnist.evaluation.promotion.min-paired",
                        Integer.toString(MIN_PAIRED),
                        "fmnist.evaluation.upstream.training-url",
                        "http://localhost:" + server.getAddress().getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
