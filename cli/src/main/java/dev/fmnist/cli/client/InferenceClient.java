package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.util.Optional;

/** inference-service: which model serves. */
public final class InferenceClient {

    private final HttpJson http;

    /** @param baseUrl e.g. {@code http://localhost:8083} */
    public InferenceClient(String baseUrl) {
        this.http = new HttpJson("inference-service", baseUrl, null, Duration.ofSeconds(10));
    }

    /**
     * The answer of {@code GET /model}.
     *
     * @param serving whether a model serves
     * @param modelId its id
     * @param version its version
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Serving(boolean serving, String modelId, Integer version) {}

    /** @return the serving model, or empty while none serves */
    public Optional<Serving> serving() {
        return http.find("/model", Serving.class).filter(Serving::serving);
    }
}
