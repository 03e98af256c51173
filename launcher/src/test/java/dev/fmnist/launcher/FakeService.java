package dev.fmnist.launcher;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a packaged service in {@link ServiceLauncherTest}: what it does is chosen by {@code FAKE_MODE}:
 * {@code ready} answers {@code /q/health/ready} on {@code QUARKUS_HTTP_PORT}, {@code fail} prints an error and exits
 * with status 3, {@code hang} never answers.
 */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws Exception {
        String mode = System.getenv().getOrDefault("FAKE_MODE", "ready");
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        System.out.println("fake service starting on port " + port + " in mode " + mode);
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        System.out.println("FMNIST_DB_URL=" + System.getenv("FMNIST_DB_URL"));
        System.out.println("FMNIST_TRAINING_PUBLIC_URL=" + System.getenv("FMNIST_TRAINING_PUBLIC_URL"));
        System.out.println("FMNIST_TRAINING_INSTANCE_ID=" + System.getenv("FMNIST_TRAINING_INSTANCE_ID"));
        System.out.println("FMNIST_INGEST_DATA_DIR=" + System.getenv("FMNIST_INGEST_DATA_DIR"));
        System.out.println("FMNIST_INFERENCE_REGISTRY_URL=" + System.getenv("FMNIST_INFERENCE_REGISTRY_URL"));
        System.out.println(
                "FMNIST_EVALUATION_UPSTREAM_TRAINING_URL=" + System.getenv("FMNIST_EVALUATION_UPSTREAM_TRAINING_URL"));
        System.out.println("FMNIST_EVALUATION_UPSTREAM_INFERENCE_URL="
                + System.getenv("FMNIST_EVALUATION_UPSTREAM_INFERENCE_URL"));
        System.out.println("MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        System.out.println(
                "FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR=" + System.getenv("FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR"));
        switch (mode) {
            case "fail" -> {
                for (int i = 1; i <= 40; i++) {
                    System.out.println("starting step " + i);
                }
                System.out.println("ERROR boom: Failed to connect to Kafka at nowhere:1");
                System.exit(3);
            }
            case "hang" -> Thread.sleep(Long.MAX_VALUE);
            default -> {
                HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
                server.createContext("/q/health/ready", exchange -> {
                    byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake service stopping")));
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
