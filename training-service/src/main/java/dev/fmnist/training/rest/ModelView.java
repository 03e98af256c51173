package dev.fmnist.training.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.training.registry.ModelVersion;
import dev.fmnist.training.registry.StatusChange;

import java.util.List;

/**
 * A model version as the API shows it.
 *
 * @param model       the version and its metrics
 * @param artifactUrl where its file can be downloaded
 * @param history     its status changes, oldest first (only on {@code GET /models/{id}})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelView(ModelVersion model, String artifactUrl, List<StatusChange> history) {}
