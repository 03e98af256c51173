package dev.fmnist.inference.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.inference.model.ServingModel;

import java.time.Instant;
import java.util.List;

/**
 * Which model this instance serves, and which models it scores in shadow.
 *
 * @param serving        false when no production model serves (input images wait)
 * @param modelId        the serving model version's id
 * @param name           its registry name
 * @param version        its version number
 * @param architecture   its architecture
 * @param artifactSha256 SHA-256 of the file it was loaded from
 * @param loadedAt       when this instance started serving it
 * @param reason         why nothing serves, or the last failure to load the production model
 * @param shadows        the models in shadow scored beside it (empty when none), newest first
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
        String reason,
        List<Shadow> shadows) {

    /**
     * A model in shadow.
     *
     * @param modelId        its id
     * @param name           its registry name
     * @param version        its version number
     * @param architecture   its architecture
     * @param artifactSha256 SHA-256 of the file it was loaded from
     * @param loadedAt       when this instance started scoring it
     */
    public record Shadow(
            String modelId, String name, int version, String architecture, String artifactSha256, Instant loadedAt) {

        static Shadow of(ServingModel model) {
            return new Shadow(
                    model.modelId(),
                    model.name(),
                    model.version(),
                    model.architecture(),
                    model.artifactSha256(),
                    model.loadedAt());
        }
    }

    static ServingStatus of(ServingModel model, String lastError, List<ServingModel> shadows) {
        return new ServingStatus(
                true,
                model.modelId(),
                model.name(),
                model.version(),
                model.architecture(),
                model.artifactSha256(),
                model.loadedAt(),
                lastError,
                shadows(shadows));
    }

    static ServingStatus none(String reason, List<ServingModel> shadows) {
        return new ServingStatus(false, null, null, null, null, null, null, reason, shadows(shadows));
    }

    private static List<Shadow> shadows(List<ServingModel> models) {
        return models.stream().map(Shadow::of).toList();
    }
}
