package dev.fmnist.training.search;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search as its store holds it, for deciding what happens next.
 *
 * @param searchId   the search job's id
 * @param status     RUNNING until it ends
 * @param folds      k
 * @param metric     {@code accuracy} or {@code macroF1}
 * @param trials     in trial order
 * @param bestTrial  the trial chosen, once decided
 * @param finalJobId the final job's id, once decided
 */
public record SearchState(
        String searchId,
        JobStatus status,
        int folds,
        String metric,
        List<TrialState> trials,
        Integer bestTrial,
        String finalJobId) {

    /**
     * @param trial  its number
     * @param config its grid values
     * @param job    its effective job
     * @param status COMPLETED or FAILED once every fold ended, CANCELLED with its search; null while open
     * @param folds  in fold order
     */
    public record TrialState(
            int trial, Map<String, Object> config, TrainingJob job, JobStatus status, List<FoldState> folds) {

        /** @return the fold with job id {@code jobId} */
        public Optional<FoldState> fold(String jobId) {
            return folds.stream().filter(f -> f.jobId().equals(jobId)).findFirst();
        }
    }

    /**
     * @param fold   the held-out fold
     * @param jobId  the fold job's id
     * @param status how the fold job ended; null until then
     * @param score  the metric on the held-out fold, when it completed
     */
    public record FoldState(int fold, String jobId, JobStatus status, Double score) {}

    /** @return whether the search still runs */
    public boolean running() {
        return status == JobStatus.RUNNING;
    }

    /** @return trial {@code number} */
    public Optional<TrialState> trial(int number) {
        return trials.stream().filter(t -> t.trial() == number).findFirst();
    }
}
