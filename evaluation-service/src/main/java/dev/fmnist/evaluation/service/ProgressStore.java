package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.TrainingProgress;

import java.util.List;

/** Port: where the training progress records of every job are kept durably, bounded. */
public interface ProgressStore {

    /**
     * Stores one record unless a record of the same job with the same fingerprint is stored already (a redelivery),
     * and keeps the bounds: the job's newest {@code keepPerJob} records, the newest {@code keepJobs} jobs (by their
     * last record's time). One transaction.
     *
     * @return whether it was stored (false for a record stored before)
     */
    boolean add(ProgressRecord record, int keepPerJob, int keepJobs);

    /** @return the job's stored records, oldest first (empty for an unknown job) */
    List<TrainingProgress> history(String jobId);

    /** @return at most {@code limit} jobs, the one whose last record is newest first */
    List<JobProgress> jobs(int limit);
}
