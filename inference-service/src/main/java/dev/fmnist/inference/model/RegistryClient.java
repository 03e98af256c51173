package dev.fmnist.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.json.JsonCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the configured model registry (training-service) what it records, over its public read API: {@code GET
 * /models?status=PRODUCTION} and {@code ?status=SHADOW} (model versions, newest first, each {@code {"model": {...}, "artifactUrl": ...}}) and
 * {@code GET /models/{id}/artifact} for the file. The base URL comes from configuration only, never from an event.
 * Every call has a deadline on the whole exchange and a size cap on the answer; redirects are not followed.
 */
public final class RegistryClient {

    /** Largest accepted JSON answer (a registry listing is a few KiB). */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final URI base;
    private final Duration timeout;
    private final BoundedHttp http;

    /**
     * @param baseUrl the registry's base URL, e.g. {@code http://localhost:8082}
     * @param timeout longest time one call may take, answer included
     */
    public RegistryClient(String baseUrl, Duration timeout) {
        this.base = ArtifactUrlPolicy.parseBase(baseUrl);
        this.timeout = timeout;
        this.http = new BoundedHttp(timeout);
    }

    /** @return the registry's base URL */
    public URI base() {
        return base;
    }

    /**
     * @return the model version the registry records as production now, if any (the newest when it lists more)
     * @throws RegistryUnavailableException when the registry cannot be asked or does not answer as its API does
     */
    public Optional<RegistryRecord> production() throws RegistryUnavailableException {
        URI uri = resolve("/models?status=PRODUCTION");
        JsonNode list = getJson(uri);
        if (!list.isArray()) {
            throw new RegistryUnavailableException("GET " + uri + " did not answer a JSON array");
        }
        for (JsonNode view : list) {
            RegistryRecord record = record(uri, view);
            if ("PRODUCTION".equals(record.status())) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    /**
     * @return the model versions the registry records in shadow now, newest first (its listing's order)
     * @throws RegistryUnavailableException when the registry cannot be asked or does not answer as its API does
     */
    public List<RegistryRecord> shadows() throws RegistryUnavailableException {
        URI uri = resolve("/models?status=SHADOW");
        JsonNode list = getJson(uri);
        if (!list.isArray()) {
            throw new RegistryUnavailableException("GET " + uri + " did not answer a JSON array");
        }
        List<RegistryRecord> shadows = new ArrayList<>();
        for (JsonNode view : list) {
            RegistryRecord record = record(uri, view);
            if ("SHADOW".equals(record.status())) {
                shadows.add(record);
            }
        }
        return shadows;
    }

    /** @return where the registry serves the file of {@code modelId}: {@code <base>/models/{id}/artifact} */
    public URI artifactUri(String modelId) {
        return resolve("/models/" + pathSegment(modelId) + "/artifact");
    }

    private JsonNode getJson(URI uri) throws RegistryUnavailableException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int status;
        try {
            status = http.get(uri, "application/json", timeout, MAX_ANSWER_BYTES, bytes -> {
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                answer.write(chunk);
            });
        } catch (IOException e) {
            throw new RegistryUnavailableException(
                    "the model registry at " + base + " cannot be asked: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking the model registry", e);
        }
        if (status != 200) {
            throw new RegistryUnavailableException("GET " + uri + " answered HTTP " + status
                    + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        try {
            return JsonCodec.mapper().readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new RegistryUnavailableException("GET " + uri + " did not answer JSON: " + e.getMessage(), e);
        }
    }

    private static RegistryRecord record(URI uri, JsonNode view) throws RegistryUnavailableException {
        JsonNode model = view.path("model");
        String modelId = model.path("modelId").asText("");
        if (!model.isObject() || modelId.isBlank()) {
            throw new RegistryUnavailableException("GET " + uri + " listed a model without a modelId");
        }
        return new RegistryRecord(
                modelId,
                model.path("name").asText(null),
                model.path("version").asInt(0),
                model.path("architecture").asText(null),
                model.path("status").asText(""),
                model.path("artifactSha256").asText(null),
                model.path("artifactSize").asLong(0));
    }

    private URI resolve(String pathAndQuery) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + pathAndQuery);
    }

    /** @return {@code id} percent-encoded as one path segment ({@code /}, {@code ?}, {@code %} ... included) */
    static String pathSegment(String id) {
        if (id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("'" + id + "' is not a model id");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
