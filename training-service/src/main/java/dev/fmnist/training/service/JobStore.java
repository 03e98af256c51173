package dev.fmnist.training.service;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.Promotion;

import java.util.List;
import java.util.Optional;

/** Port: the jobs and their life cycle. Every method throws {@link StoreException} when the store fails. */
public interface JobStore {

    /** @return true when the job was new and is now stored as QUEUED; false when its id was already known */
    boolean insertQueued(TrainingJob job, String owner, String datasetId);

    /** Marks the job RUNNING, unless it was cancelled meanwhile. @return whether it may run */
    boolean markRunning(String jobId);

    /** Records how the job ended. */
    void finish(String jobId, JobStatus status, String message, String modelId);

    /** Keeps the latest progress report. */
    void progress(TrainingProgress progress);

    /** Records the gate's decision for the job's model, in the caller's transaction (the registration's). */
    void promoted(String jobId, Promotion promotion);

    /**
     * Asks a job to stop: a QUEUED one is CANCELLED at once (with {@code reason}), a RUNNING one is flagged for its
     * runner.
     */
    void requestCancel(String jobId, String reason);

    /** @return whether DELETE asked this job to stop */
    boolean cancelRequested(String jobId);

    Optional<JobView> find(String jobId);

    /** @return the newest jobs first */
    List<JobView> list(int limit);

    /** @return jobs of {@code owner} in {@code status}, oldest first */
    List<JobView> owned(String owner, JobStatus status);
}
