package dev.fmnist.contracts;

/** Life cycle of a training job. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED
}
