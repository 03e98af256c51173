package dev.fmnist.contracts.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A model version as {@code GET /models}, {@code GET /models/{id}}, promote and rollback show it.
 *
 * @param model       the version and its metrics
 * @param artifactUrl where its file can be downloaded
 * @param history     its status changes, oldest first (left out of {@code GET /models})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelEntry(ModelVersion model, String artifactUrl, List<StatusChange> history) {}
