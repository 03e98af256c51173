package dev.fmnist.inference.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.json.JsonCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for training-service's registry API on a real HTTP port, answering what inference-service asks with
 * the same JSON shape as training-service's {@code ModelView}: {@code GET /models[?status=...]} (newest first),
 * {@code GET /models/{id}} and {@code GET /models/{id}/artifact}. What it records (status, SHA-256) and the file it
 * serves are set independently, so a test can make them disagree.
 */
public final class StandInRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Entry> models = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final AtomicInteger questions = new AtomicInteger();

    private StandInRegistry(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/models", this::handle);
        server.start();
    }

    /** @return a registry on a free port */
    public static StandInRegistry start() {
        return new StandInRegistry(0);
    }

    /** @return a registry on {@code port} */
    public static StandInRegistry start(int port) {
        return new StandInRegistry(port);
    }

    /** @return {@code http://localhost:<port>} */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** @return where this registry serves the file of {@code modelId} */
    public String artifactUrl(String modelId) {
        return baseUrl() + "/models/" + modelId + "/artifact";
    }

    /** Records {@code model} with its true SHA-256 and serves its file. */
    public void register(TrainedModels.Trained model, ModelStatus status) {
        register(model.modelId(), model.version(), model.architecture(), status, model.sha256(), model.bytes());
    }

    /** Records a model with {@code recordedSha256} and serves {@code file}, whatever its real checksum. */
    public synchronized void register(
            String modelId, int version, String architecture, ModelStatus status, String recordedSha256, byte[] file) {
        models.remove(modelId);
        models.put(modelId, new Entry(modelId, version, architecture, status, recordedSha256, file));
    }

    /** Makes {@code modelId} the production model; the one before is archived (as training-service does). */
    public synchronized void promote(String modelId) {
        models.replaceAll((id, entry) -> entry.status == ModelStatus.PRODUCTION && !id.equals(modelId)
                ? entry.withStatus(ModelStatus.ARCHIVED)
                : entry);
        models.computeIfPresent(modelId, (id, entry) -> entry.withStatus(ModelStatus.PRODUCTION));
    }

    /** @return how often the file of {@code modelId} was downloaded */
    public int downloads(String modelId) {
        return downloads.getOrDefault(modelId, new AtomicInteger()).get();
    }

    /** @return how many requests it answered */
    public int questions() {
        return questions.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        questions.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String[] parts = path.substring(1).split("/", -1);
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "application/json", new byte[0]);
            } else if (parts.length == 1) {
                String query = exchange.getRequestURI().getRawQuery();
                String status = query != null && query.startsWith("status=") ? query.substring(7) : null;
                send(exchange, 200, "application/json", JsonCodec.toBytes(list(status)));
            } else if (parts.length == 2) {
                Entry entry = find(parts[1]);
                if (entry == null) {
                    send(exchange, 404, "application/json", "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "application/json", JsonCodec.toBytes(view(entry)));
                }
            } else if (parts.length == 3 && parts[2].equals("artifact") && find(parts[1]) != null) {
                Entry entry = find(parts[1]);
                downloads
                        .computeIfAbsent(entry.modelId, id -> new AtomicInteger())
                        .incrementAndGet();
                send(exchange, 200, "application/zip", entry.file);
            } else {
                send(exchange, 404, "application/json", "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private synchronized Entry find(String rawId) {
        return models.get(URLDecoder.decode(rawId, StandardCharsets.UTF_8));
    }

    private synchronized List<Map<String, Object>> list(String status) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Entry entry : models.values()) {
            if (status == null || entry.status.name().equals(status)) {
                views.add(0, view(entry));
            }
        }
        return views;
    }

    private Map<String, Object> view(Entry entry) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("modelId", entry.modelId);
        model.put("name", "fashion");
        model.put("version", entry.version);
        model.put("architecture", entry.architecture);
        model.put("artifactSha256", entry.recordedSha256);
        model.put("artifactSize", entry.file.length);
        model.put("status", entry.status.name());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", model);
        view.put("artifactUrl", artifactUrl(entry.modelId));
        return view;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Entry(
            String modelId, int version, String architecture, ModelStatus status, String recordedSha256, byte[] file) {
        Entry withStatus(ModelStatus newStatus) {
            return new Entry(modelId, version, architecture, newStatus, recordedSha256, file);
        }
    }
}
