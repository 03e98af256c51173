package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * A change in the model registry, on {@code fmnist.models} (key = model id).
 *
 * @param modelId        unique id of this model version
 * @param name           registry name shared by the versions
 * @param version        version number within the name
 * @param architecture   architecture it was trained with
 * @param status         new status
 * @param previousStatus status before the change, null when just registered
 * @param metrics        metrics it was registered with (testAccuracy, validationAccuracy, testMacroF1, ...)
 * @param datasetId      dataset it was trained on
 * @param jobId          training job that made it
 * @param artifactSha256 SHA-256 of the model file
 * @param artifactUrl    where the model file can be fetched (http: or file:)
 * @param reason         why the status changed (gate decision, manual promotion, rollback)
 * @param timestamp      when it changed
 * @param reference      the training set's input profile (class shares, grey levels, background), the reference of
 *                       drift alerts (extension; null for models registered before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelEvent(
        String modelId,
        String name,
        int version,
        String architecture,
        ModelStatus status,
        ModelStatus previousStatus,
        Map<String, Double> metrics,
        String datasetId,
        String jobId,
        String artifactSha256,
        String artifactUrl,
        String reason,
        Instant timestamp,
        InputProfile reference)
        implements Checkable {

    /** An event without a reference profile. */
    public ModelEvent(
            String modelId,
            String name,
            int version,
            String architecture,
            ModelStatus status,
            ModelStatus previousStatus,
            Map<String, Double> metrics,
            String datasetId,
            String jobId,
            String artifactSha256,
            String artifactUrl,
            String reason,
            Instant timestamp) {
        this(
                modelId,
                name,
                version,
                architecture,
                status,
                previousStatus,
                metrics,
                datasetId,
                jobId,
                artifactSha256,
                artifactUrl,
                reason,
                timestamp,
                null);
    }

    @Override
    public String problem() {
        String problem = Identifiers.problem("modelId", modelId);
        if (problem != null) {
            return problem;
        }
        if (status == null) {
            return "status is missing";
        }
        String[][] texts = {
            {"name", name},
            {"architecture", architecture},
            {"datasetId", datasetId},
            {"jobId", jobId},
            {"artifactSha256", artifactSha256},
            {"artifactUrl", artifactUrl},
            {"reason", reason}
        };
        for (String[] text : texts) {
            problem = Identifiers.textProblem(text[0], text[1]);
            if (problem != null) {
                return problem;
            }
        }
        if (metrics != null) {
            for (String metric : metrics.keySet()) {
                problem = Identifiers.textProblem("metrics", metric);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
