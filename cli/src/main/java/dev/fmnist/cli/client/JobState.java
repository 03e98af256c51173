package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.fmnist.contracts.JobStatus;
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobState(
        String jobId,
        TrainingJob request,
        JobStatus status,
        String datasetId,
        String message,
        String modelId,
        TrainingProgress lastProgress) {

    /** @return whether the job has ended */
    public boolean finished() {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }
}
