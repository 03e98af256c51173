package dev.fmnist.evaluation.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server (the JDK's) standing in for training-service or inference-service: it records every request it
 * receives and answers each path with what the test set ({@code 200 {"stand-in": true}} by default).
 */
final class StandInUpstream {

    /** A request as it arrived. */
    record Received(String method, String uri, Map<String, String> headers, byte[] body) {

        /** @return the header's value (names are case-insensitive), or null */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer a path with. */
    record Answer(int status, String contentType, Map<String, String> headers, byte[] body, Duration delay) {

        static Answer json(int status, String json) {
            return new Answer(
                    status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new TreeMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, more, body, delay);
        }

        Answer after(Duration wait) {
            return new Answer(status, contentType, headers, body, wait);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    private StandInUpstream(int port) {
        this.port = port;
    }

    /** @return a stand-in listening on a free loopback port */
    static StandInUpstream start() {
        StandInUpstream standIn = new StandInUpstream(0);
        standIn.open();
        return standIn;
    }

    /** @return its base URL, {@code http://localhost:port} */
    String url() {
        return "http://localhost:" + port;
    }

    /** Answers requests for {@code path} (without the query) with {@code answer} from now on. */
    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** @return every request received so far, oldest first */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** @return the last request received for {@code path} (its query left out) */
    Received last(String path) {
        for (int i = received.size() - 1; i >= 0; i--) {
            Received r = received.get(i);
            if (r.uri().equals(path) || r.uri().startsWith(path + "?")) {
                return r;
            }
        }
        throw new AssertionError("the stand-in received nothing for " + path + "; it received " + received);
    }

    /** Stops listening: its port is closed until {@link #open()}. */
    void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Listens again (on the same port once it had one). */
    void open() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String uri = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            received.add(new Received(exchange.getRequestMethod(), uri, Map.copyOf(headers), body));
            Answer answer = answers.getOrDefault(
                    exchange.getRequestURI().getRawPath(), Answer.json(200, "{\"stand-in\": true}"));
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
