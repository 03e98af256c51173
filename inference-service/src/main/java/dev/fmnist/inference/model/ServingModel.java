package dev.fmnist.inference.model;

import dev.fmnist.ml.Classifier;

import java.time.Instant;

/**
 * A loaded production model, ready to classify.
 *
 * @param modelId        registry id of this model version
 * @param name           registry name
 * @param version        version number
 * @param architecture   architecture it was trained with
 * @param artifactSha256 SHA-256 of the model file it was loaded from
 * @param classifier     the network behind the model's own normalisation and layout
 * @param loadedAt       when this instance started serving it
 */
public record ServingModel(
        String modelId,
        String name,
        int version,
        String architecture,
        String artifactSha256,
        Classifier classifier,
        Instant loadedAt) {

    /** @return whether this is the model file that {@code modelId}/{@code sha256} name */
    public boolean isSameAs(String otherModelId, String otherSha256) {
        return modelId.equals(otherModelId) && artifactSha256.equalsIgnoreCase(String.valueOf(otherSha256));
    }
}
