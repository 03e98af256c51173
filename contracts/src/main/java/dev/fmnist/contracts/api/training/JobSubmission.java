package dev.fmnist.contracts.api.training;

import dev.fmnist.contracts.TrainingJob;

/**
 * The answer to {@code POST /jobs} (202): the job as published to {@code fmnist.training.jobs}.
 *
 * @param jobId  its id (made when the request had none)
 * @param status always {@code SUBMITTED}
 * @param job    the job as published
 */
public record JobSubmission(String jobId, String status, TrainingJob job) {

    /** @return the answer for {@code job} */
    public static JobSubmission of(TrainingJob job) {
        return new JobSubmission(job.jobId(), "SUBMITTED", job);
    }
}
