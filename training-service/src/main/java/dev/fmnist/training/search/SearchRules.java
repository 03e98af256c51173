package dev.fmnist.training.search;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.training.search.SearchState.FoldState;
import dev.fmnist.training.search.SearchState.TrialState;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a search does next, decided from its state: a trial ends when its last fold ended (COMPLETED with mean ± sd
 * when every fold completed, else FAILED); when every trial ended, the best completed trial is retrained by the
 * final job, or the search fails when none completed.
 */
public final class SearchRules {

    private SearchRules() {}

    /**
     * @param trial   the trial number
     * @param status  COMPLETED or FAILED
     * @param scores  the completed folds' scores, in fold order
     * @param mean    mean of the scores, when COMPLETED
     * @param sd      their sample standard deviation, when COMPLETED with two or more
     */
    public record TrialEnd(int trial, JobStatus status, List<Double> scores, Double mean, Double sd) {}

    /**
     * @return how {@code trial} ends now that every fold of it ended; empty while a fold is open or when it already
     *     ended
     */
    public static Optional<TrialEnd> trialEnd(TrialState trial) {
        if (trial.status() != null || trial.folds().stream().anyMatch(f -> f.status() == null)) {
            return Optional.empty();
        }
        List<Double> scores = trial.folds().stream()
                .map(FoldState::score)
                .filter(Objects::nonNull)
                .toList();
        boolean completed = trial.folds().stream().allMatch(f -> f.status() == JobStatus.COMPLETED)
                && scores.size() == trial.folds().size();
        return Optional.of(
                completed
                        ? new TrialEnd(
                                trial.trial(), JobStatus.COMPLETED, scores, Scores.mean(scores), Scores.sd(scores))
                        : new TrialEnd(trial.trial(), JobStatus.FAILED, scores, null, null));
    }

    /**
     * @return the best completed trial once every trial ended and none was chosen yet; empty before, after, and when
     *     no trial completed (then {@link #allEnded} tells the search that has nothing to choose from)
     */
    public static Optional<Scores.Summary> best(SearchState search) {
        if (search.finalJobId() != null || !allEnded(search)) {
            return Optional.empty();
        }
        return Scores.best(search.trials().stream()
                .filter(t -> t.status() == JobStatus.COMPLETED)
                .map(SearchRules::summary)
                .toList());
    }

    /** @return whether every trial of the search ended */
    public static boolean allEnded(SearchState search) {
        return search.trials().stream().allMatch(t -> t.status() != null);
    }

    /** @return the trial's mean ± sd (it completed) */
    public static Scores.Summary summary(TrialState trial) {
        List<Double> scores = trial.folds().stream().map(FoldState::score).toList();
        return new Scores.Summary(trial.trial(), Scores.mean(scores), Scores.sd(scores));
    }

    /** @return the fold jobs of {@code trial} that have not ended */
    public static List<String> openFolds(TrialState trial) {
        return trial.folds().stream()
                .filter(f -> f.status() == null)
                .map(FoldState::jobId)
                .toList();
    }

    /** @return every fold job of the search that has not ended */
    public static List<String> openFolds(SearchState search) {
        return search.trials().stream().flatMap(t -> openFolds(t).stream()).toList();
    }
}
