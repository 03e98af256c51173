package dev.fmnist.contracts.api.training;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A hyper-parameter search as {@code GET /searches} and {@code GET /searches/{id}} show it: every trial with its fold
 * scores, the best one and the final job that retrained it.
 *
 * @param searchId    the search's job id
 * @param status      RUNNING, COMPLETED (the final job registered its model), FAILED or CANCELLED
 * @param dataset     the dataset as the search named it
 * @param folds       k of the cross-validation
 * @param metric      {@code accuracy} or {@code macroF1}
 * @param trialsTotal configurations tried
 * @param trialsDone  trials whose folds all ended
 * @param submittedAt when the search was accepted
 * @param finishedAt  when it ended, null while it runs
 * @param trials      every trial, in trial order
 * @param best        the chosen trial, null until every trial ended (and when none succeeded)
 * @param finalJobId  the final job's id ({@code <searchId>.best}), null until chosen
 * @param modelId     the model the final job registered
 * @param message     why it ended, or what it does now
 */
public record SearchView(
        String searchId,
        JobStatus status,
        String dataset,
        int folds,
        String metric,
        int trialsTotal,
        int trialsDone,
        Instant submittedAt,
        Instant finishedAt,
        List<Trial> trials,
        Best best,
        String finalJobId,
        String modelId,
        String message) {

    /**
     * @param trial  the configuration's number, from 1
     * @param config its grid values
     * @param job    the effective job fields (architecture, epochs, batchSize, learningRate, params)
     * @param folds  its fold jobs, in fold order
     * @param mean   mean of the fold scores once every fold completed
     * @param sd     sample standard deviation (n−1) of the fold scores, null with one
     * @param status QUEUED (no fold started), RUNNING, COMPLETED, FAILED (a fold failed) or CANCELLED
     */
    public record Trial(
            int trial,
            Map<String, Object> config,
            TrainingJob job,
            List<Fold> folds,
            Double mean,
            Double sd,
            JobStatus status) {}

    /**
     * @param fold     the held-out fold, from 0
     * @param jobId    the fold job's id ({@code <searchId>.tNN.fN})
     * @param status   the fold job's status
     * @param score    the metric on the held-out fold, once it completed
     * @param instance the training-service instance that ran it
     */
    public record Fold(int fold, String jobId, JobStatus status, Double score, String instance) {}

    /**
     * @param trial the best trial: highest mean; ties → lower sd, then lower trial number
     * @param mean  its mean
     * @param sd    its sd
     */
    public record Best(int trial, Double mean, Double sd) {}
}
