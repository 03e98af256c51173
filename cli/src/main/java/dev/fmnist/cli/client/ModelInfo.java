package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model version of the registry (training-service {@code GET /models}, the fields this tool shows).
 *
 * @param modelId         unique id
 * @param name            registry name
 * @param version         version within the name
 * @param architecture    architecture
 * @param hyperParameters effective hyper-parameters
 * @param datasetId       dataset trained on
 * @param jobId           job that trained it
 * @param validation      figures on the validation split
 * @param test            figures on the test split, or null
 * @param parameterCount  trainable parameters
 * @param trainingSeconds training wall time
 * @param status          registry status
 * @param createdAt       when it was registered
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelInfo(
        String modelId,
        String name,
        int version,
        String architecture,
        Map<String, Object> hyperParameters,
        String datasetId,
        String jobId,
        Metrics validation,
        Metrics test,
        long parameterCount,
        double trainingSeconds,
        ModelStatus status,
        Instant createdAt) {

    /**
     * @param count    images evaluated
     * @param accuracy accuracy
     * @param macroF1  macro-F1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(long count, double accuracy, double macroF1) {}

    /**
     * One entry of {@code GET /models}: the version, where its file is, and (for one model) its history.
     *
     * @param model       the version
     * @param artifactUrl its file
     * @param history     status changes, oldest first (only on {@code GET /models/{id}})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(ModelInfo model, String artifactUrl, List<Change> history) {}

    /**
     * @param status         new status
     * @param previousStatus status before
     * @param reason         why
     * @param changedAt      when
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(ModelStatus status, ModelStatus previousStatus, String reason, Instant changedAt) {}
}
