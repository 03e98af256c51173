package dev.fmnist.evaluation.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fmnist.contracts.JobStatus;

import java.time.Instant;

/**
 * One training job as its progress records tell it, for the list of jobs: the last record's status and epoch.
 *
 * @param jobId       the job
 * @param status      status of its last record
 * @param epoch       epoch of its last record
 * @param totalEpochs epochs requested, from its last record
 * @param modelId     the model it registered, once a record carried one; null before
 * @param points      its records stored (at most {@code fmnist.evaluation.progress.keep-per-job})
 * @param timestamp   when its last record was emitted
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobProgress(
        String jobId, JobStatus status, int epoch, int totalEpochs, String modelId, int points, Instant timestamp) {}
