package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;

/**
 * A training job as {@code GET /jobs/{id}} of training-service shows it.
 *
 * @param jobId        job id
 * @param request      the job as submitted
 * @param status       its status
 * @param datasetId    dataset it resolved to
 * @param message      failure or cancellation reason
 * @param modelId      the registered model, once completed
 * @param lastProgress its latest progress
 * @param promotion    the promotion gate's decision once the job registered its model; null before, and from a
 *                     training-service that does not report it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobState(
        String jobId,
        TrainingJob request,
        JobStatus status,
        String datasetId,
        String message,
        String modelId,
        TrainingProgress lastProgress,
        Promotion promotion) {

    /**
     * What the promotion gate decided for the job's model.
     *
     * @param status the model's status right after (e.g. {@code PRODUCTION}, or {@code REGISTERED} when not promoted)
     * @param reason why
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Promotion(ModelStatus status, String reason) {}

    /** @return whether the job has ended */
    public boolean finished() {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }
}
