package dev.fmnist.cli.client;

import dev.fmnist.contracts.Evaluation;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** evaluation-service: the latest evaluation of a model, or of every model; the shadow models' comparisons. */
public final class EvaluationClient {

    private final HttpJson http;

    /** @param baseUrl e.g. {@code http://localhost:8084} */
    public EvaluationClient(String baseUrl) {
        this.http = new HttpJson("evaluation-service", baseUrl, null, Duration.ofSeconds(30));
    }

    /** @return the base URL (the dashboard) */
    public String baseUrl() {
        return http.baseUrl();
    }

    /** @return the model's latest evaluation, or empty before any of its labelled predictions was counted */
    public Optional<Evaluation> latest(String modelId) {
        return http.find("/api/evaluations/" + modelId, Evaluation.class);
    }

    /**
     * {@code GET /api/comparisons}.
     *
     * @return the latest comparison of each model in shadow with the production model; empty when none is in shadow
     *     (or the service does not compare yet: 404)
     */
    public List<ShadowComparison> comparisons() {
        return http.findList("/api/comparisons", ShadowComparison.class);
    }

    /** @return the most recently emitted evaluation of any model */
    public Optional<Evaluation> newest() {
        return http.list("/api/evaluations", Evaluation.class).stream()
                .filter(e -> e.timestamp() != null)
                .max(Comparator.comparing(Evaluation::timestamp));
    }
}
