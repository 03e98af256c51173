package dev.fmnist.training.search;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.api.training.SearchView;

import java.util.List;
import java.util.Optional;

/**
 * Port: searches, their trials and folds. Writes join the caller's transaction; every method throws the service's
 * store exception when the store fails.
 */
public interface SearchStore {

    /** Stores a search with its trials and folds, unless it is stored already. */
    void create(SearchPlan plan, String dataset);

    /** @return the search, its row locked until the caller's transaction ends */
    Optional<SearchState> lock(String searchId);

    /** @return the search, not locked */
    Optional<SearchState> state(String searchId);

    /**
     * Records how a fold job ended, once.
     *
     * @return false when its end had been recorded before (a redelivery or a retry) or there is no such fold
     */
    boolean recordFold(String jobId, JobStatus status, Double score, String instance, String message);

    /** Records how a trial ended. */
    void endTrial(String searchId, int trial, JobStatus status, Double mean, Double sd);

    /** Records the best trial and the final job's id. */
    void decide(String searchId, int bestTrial, String finalJobId);

    /** Records how the search ended. */
    void end(String searchId, JobStatus status, String modelId, String message);

    /** @return the search as the API shows it */
    Optional<SearchView> find(String searchId);

    /** @return the newest searches first, at most {@code limit} */
    List<SearchView> list(int limit);
}
