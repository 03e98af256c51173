package dev.fmnist.contracts.api.training;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;

import java.time.Instant;

/**
 * A training job as {@code GET /jobs} and {@code GET /jobs/{id}} show it.
 *
 * @param jobId           job id
 * @param request         the job as submitted
 * @param status          life-cycle status
 * @param owner           instance that queued it
 * @param datasetId       dataset it resolved to
 * @param architecture    architecture name
 * @param cancelRequested whether DELETE asked it to stop
 * @param message         failure or cancellation reason
 * @param modelId         the registered model, once COMPLETED
 * @param lastProgress    latest progress report
 * @param submittedAt     when it was queued
 * @param startedAt       when it started running
 * @param finishedAt      when it ended
 * @param promotion       what the promotion gate decided for its model; null until it registered one
 */
public record JobView(
        String jobId,
        TrainingJob request,
        JobStatus status,
        String owner,
        String datasetId,
        String architecture,
        boolean cancelRequested,
        String message,
        String modelId,
        TrainingProgress lastProgress,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        Promotion promotion) {

    /** @return whether the job has ended */
    public boolean finished() {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }
}
