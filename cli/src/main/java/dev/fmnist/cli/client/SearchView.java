package dev.fmnist.cli.client;

import dev.fmnist.contracts.JobStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A hyper-parameter search as {@code GET /searches/{id}} of training-service shows it (fields this tool does not
 * know are ignored).
 *
 * @param searchId    the search's job id
 * @param status      RUNNING, COMPLETED, FAILED or CANCELLED
 * @param dataset     the dataset it searches on
 * @param folds       k of the k-fold cross-validation
 * @param metric      {@code accuracy} or {@code macroF1}, measured on each held-out fold
 * @param trialsTotal configurations it tries
 * @param trialsDone  configurations whose every fold ended
 * @param submittedAt when it was submitted
 * @param finishedAt  when it ended, null while it runs
 * @param trials      one per configuration, by trial number
 * @param best        the best trial so far (highest mean), null before one ended
 * @param finalJobId  the job that retrains the best configuration on the full training split
 * @param modelId     the model that job registered, once COMPLETED
 * @param message     why it failed or was cancelled
 */
public record SearchView(
        String searchId,
        JobStatus status,
        String dataset,
        Integer folds,
        String metric,
        Integer trialsTotal,
        Integer trialsDone,
        Instant submittedAt,
        Instant finishedAt,
        List<Trial> trials,
        Best best,
        String finalJobId,
        String modelId,
        String message) {

    public SearchView {
        trials = trials == null ? List.of() : List.copyOf(trials);
    }

    /** @return whether the search has ended */
    public boolean finished() {
        return ended(status);
    }

    /** @return whether a job, fold or trial with this status has ended */
    public static boolean ended(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }

    /**
     * One configuration of the grid and its cross-validation.
     *
     * @param trial  its number, from 1
     * @param config the grid's values for it, e.g. {@code {"learningRate": 0.003}}
     * @param job    the effective job fields (architecture, epochs, batchSize, learningRate, params)
     * @param folds  one per fold
     * @param mean   the mean fold score, once every fold ended
     * @param sd     the sample standard deviation of the fold scores (null with one score)
     * @param status QUEUED, RUNNING, COMPLETED, FAILED or CANCELLED
     */
    public record Trial(
            int trial,
            Map<String, Object> config,
            Map<String, Object> job,
            List<Fold> folds,
            Double mean,
            Double sd,
            JobStatus status) {

        public Trial {
            config = config == null ? Map.of() : config;
            folds = folds == null ? List.of() : List.copyOf(folds);
        }

        /** @return the training-service instances that ran its folds, in fold order, each once */
        public List<String> instances() {
            return folds.stream()
                    .map(Fold::instance)
                    .filter(instance -> instance != null && !instance.isBlank())
                    .distinct()
                    .toList();
        }
    }

    /**
     * One fold job of a trial.
     *
     * @param fold     the held-out fold, from 0
     * @param jobId    its job id, e.g. {@code s1.t01.f0}
     * @param status   its job status
     * @param score    the metric on the held-out fold, once COMPLETED
     * @param instance the training-service instance that ran it ({@code fmnist.training.instance-id})
     */
    public record Fold(int fold, String jobId, JobStatus status, Double score, String instance) {}

    /**
     * @param trial the best trial's number
     * @param mean  its mean fold score
     * @param sd    its fold scores' standard deviation
     */
    public record Best(int trial, Double mean, Double sd) {}
}
