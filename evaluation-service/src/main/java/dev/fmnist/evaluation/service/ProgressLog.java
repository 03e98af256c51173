package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.TrainingProgress;

import java.time.Instant;
import java.util.List;

/**
 * The training curves: every accepted progress record of every job, stored once (a redelivered record is recognised
 * by its fingerprint), bounded per job and in jobs.
 */
public class ProgressLog {

    /** The most jobs {@link #jobs()} lists. */
    public static final int JOBS_LISTED = 100;

    private final ProgressStore store;
    private final int keepPerJob;
    private final int keepJobs;

    /**
     * @param keepPerJob records kept per job (the newest)
     * @param keepJobs   jobs kept (those with the newest last record)
     */
    public ProgressLog(ProgressStore store, int keepPerJob, int keepJobs) {
        if (keepPerJob < 1 || keepJobs < 1) {
            throw new IllegalArgumentException(
                    "keep-per-job and keep-jobs must be at least 1, were " + keepPerJob + " and " + keepJobs);
        }
        this.store = store;
        this.keepPerJob = keepPerJob;
        this.keepJobs = keepJobs;
    }

    /**
     * Stores an accepted record (durably, before returning).
     *
     * @param recordTime the Kafka record's time, for a record without {@code timestamp}
     * @return whether it was new (false: this very record was stored before)
     */
    public boolean record(TrainingProgress progress, Instant recordTime) {
        return store.add(ProgressRecord.of(progress, recordTime), keepPerJob, keepJobs);
    }

    /** @return the job's records, oldest first; empty for an unknown job */
    public List<TrainingProgress> history(String jobId) {
        return store.history(jobId);
    }

    /** @return one summary per job, the newest last record first, at most {@value #JOBS_LISTED} */
    public List<JobProgress> jobs() {
        return store.jobs(JOBS_LISTED);
    }
}
