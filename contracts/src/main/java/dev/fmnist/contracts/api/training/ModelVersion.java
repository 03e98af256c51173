package dev.fmnist.contracts.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelStatus;

import java.time.Instant;
import java.util.Map;

/**
 * A registered model version, without its file.
 *
 * @param modelId          unique id
 * @param name             registry name shared by its versions
 * @param version          1, 2, ... within the name
 * @param architecture     architecture name
 * @param hyperParameters  every effective hyper-parameter
 * @param datasetId        dataset trained on
 * @param datasetHash      that dataset's content hash
 * @param testSplitHash    content hash of the test split the test metrics are on
 * @param jobId            job that trained it
 * @param validation       metrics on the held-out validation split
 * @param test             metrics on the dataset's test split (null when it has none)
 * @param parameterCount   trainable parameters
 * @param trainingSeconds  wall time of the training
 * @param framework        engine and version
 * @param backend          backend and device it was trained on
 * @param artifactSha256   SHA-256 of the model file
 * @param artifactSize     bytes of the model file
 * @param status           current status
 * @param createdAt        when it was registered
 * @param reference        the input profile of the training split it was trained on (every training image with its
 *                         true label), the reference of drift alerts; null for models registered before it existed
 *                         (left out of the JSON then)
 */
public record ModelVersion(
        String modelId,
        String name,
        int version,
        String architecture,
        Map<String, Object> hyperParameters,
        String datasetId,
        String datasetHash,
        String testSplitHash,
        String jobId,
        MetricsSummary validation,
        MetricsSummary test,
        long parameterCount,
        double trainingSeconds,
        String framework,
        String backend,
        String artifactSha256,
        int artifactSize,
        ModelStatus status,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) InputProfile reference) {

    /** A version without a reference profile. */
    public ModelVersion(
            String modelId,
            String name,
            int version,
            String architecture,
            Map<String, Object> hyperParameters,
            String datasetId,
            String datasetHash,
            String testSplitHash,
            String jobId,
            MetricsSummary validation,
            MetricsSummary test,
            long parameterCount,
            double trainingSeconds,
            String framework,
            String backend,
            String artifactSha256,
            int artifactSize,
            ModelStatus status,
            Instant createdAt) {
        this(
                modelId,
                name,
                version,
                architecture,
                hyperParameters,
                datasetId,
                datasetHash,
                testSplitHash,
                jobId,
                validation,
                test,
                parameterCount,
                trainingSeconds,
                framework,
                backend,
                artifactSha256,
                artifactSize,
                status,
                createdAt,
                null);
    }

    /** @return a copy with another status */
    public ModelVersion withStatus(ModelStatus newStatus) {
        return new ModelVersion(
                modelId,
                name,
                version,
                architecture,
                hyperParameters,
                datasetId,
                datasetHash,
                testSplitHash,
                jobId,
                validation,
                test,
                parameterCount,
                trainingSeconds,
                framework,
                backend,
                artifactSha256,
                artifactSize,
                newStatus,
                createdAt,
                reference);
    }
}
