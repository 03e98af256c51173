package dev.fmnist.cli.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.contracts.json.JsonCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * JSON over HTTP to one service: the shared part of the typed clients. Connection failures become
 * {@link ServiceUnavailableException}, error answers {@link ServiceCallException} with the service's reason.
 * Mutations ({@code POST}, {@code DELETE}) carry {@code Authorization: Bearer <token>} when the {@link TokenSource} has one. Answers
 * are read into the services' own records ({@code dev.fmnist.contracts.api}); fields this tool does not know are
 * ignored, so an older or newer service still works.
 */
final class HttpJson {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** The contract's mapper, ignoring unknown fields whatever its defaults. */
    static final ObjectMapper MAPPER =
            JsonCodec.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Added to 401/403 errors: where this tool's token comes from. */
    static final String AUTH_HINT = " (this tool signs its token with .fmnist/keys/jwt-private.pem, made by"
            + " ./fmnist demo or ./fmnist token, or sends $" + TokenSource.ENV + " when set; see docs/security.md)";

    private final String service;
    private final String baseUrl;
    private final TokenSource tokens;
    private final Duration timeout;

    /**
     * @param service its name, e.g. {@code training-service}
     * @param tokens  the bearer token of its mutations (null: none)
     * @param timeout the longest wait for an answer, unless a call says otherwise
     */
    HttpJson(String service, String baseUrl, TokenSource tokens, Duration timeout) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.tokens = tokens == null ? TokenSource.none() : tokens;
        this.timeout = timeout;
    }

    String baseUrl() {
        return baseUrl;
    }

    <T> T get(String path, Class<T> type) {
        return read(send(HttpRequest.newBuilder(uri(path)).GET(), timeout, path), MAPPER.constructType(type));
    }

    <T> List<T> list(String path, Class<T> element) {
        JavaType type = MAPPER.getTypeFactory().constructCollectionType(List.class, element);
        return read(send(HttpRequest.newBuilder(uri(path)).GET(), timeout, path), type);
    }

    /** GET that answers empty on 404. */
    <T> Optional<T> find(String path, Class<T> type) {
        HttpResponse<String> response =
                exchange(HttpRequest.newBuilder(uri(path)).GET(), timeout);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(check(response, path), MAPPER.constructType(type)));
    }

    <T> T post(String path, Object body, Class<T> type) {
        return post(path, body, type, timeout);
    }

    <T> T post(String path, Object body, Class<T> type, Duration timeout) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JsonCodec.toBytes(body));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(publisher).header("Content-Type", "application/json");
        tokens.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return read(send(request, timeout, path), MAPPER.constructType(type));
    }

    /** A DELETE, carrying the bearer token like {@link #post}. */
    <T> T delete(String path, Class<T> type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
        tokens.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return read(send(request, timeout, path), MAPPER.constructType(type));
    }

    /** GET of a JSON array that answers empty on 404 (a service that does not offer the list yet). */
    <T> List<T> findList(String path, Class<T> element) {
        HttpResponse<String> response =
                exchange(HttpRequest.newBuilder(uri(path)).GET(), timeout);
        if (response.statusCode() == 404) {
            return List.of();
        }
        JavaType type = MAPPER.getTypeFactory().constructCollectionType(List.class, element);
        return read(check(response, path), type);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout, String path) {
        return check(exchange(request, timeout), path);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, Duration timeout) {
        HttpRequest built =
                request.timeout(timeout).header("Accept", "application/json").build();
        try {
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ServiceUnavailableException(service, built.method() + " " + built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + built.uri(), e);
        }
    }

    private HttpResponse<String> check(HttpResponse<String> response, String path) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw new ServiceCallException(
                status,
                service + " answered " + status + " to "
                        + response.request().method() + " " + baseUrl + path + ": " + reason(response.body())
                        + (status == 401 || status == 403 ? AUTH_HINT : ""));
    }

    /** The service's own words: {@code reason}, {@code message} or {@code error} of the JSON body, else the body. */
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            for (String field : new String[] {"reason", "message", "error"}) {
                JsonNode value = json.get(field);
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    return value.asText();
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private <T> T read(HttpResponse<String> response, JavaType type) {
        try {
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(
                    service + " answered " + response.request().uri() + " with JSON this tool cannot read: "
                            + e.getMessage(),
                    e);
        }
    }
}
