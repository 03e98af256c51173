package dev.fmnist.inference.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.inference.model.ServingModel;

import java.time.Instant;

/**
 * Which model this instance serves.
 *
 * @param serving        false when no production model serves (input images wait)
 * @param modelId        the serving model version's id
 * @param name           its registry name
 * @param version        its version number
 * @param architecture   its architecture
 * @param artifactSha256 SHA-256 of the file it was loaded from
 * @param loadedAt       when this instance started serving it
 * @param reason         why nothing serves, or the last failure to load the production model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServingStatus(
        boolean serving,
        String modelId,
        String name,
        Integer version,
        String architecture,
        String artifactSha256,
        Instant loadedAt,
        String reason) {

    static ServingStatus of(ServingModel model, String lastError) {
        return new ServingStatus(
                true,
                model.modelId(),
                model.name(),
                model.version(),
                model.architecture(),
                model.artifactSha256(),
                model.loadedAt(),
                lastError);
    }

    static ServingStatus none(String reason) {
        return new ServingStatus(false, null, null, null, null, null, null, reason);
    }
}
