package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code trial} of a {@link TrainingJob} a search published (users never send it): with {@code fold} a fold job
 * (trains on the training split without fold {@code fold} of {@code folds}, measures the search's metric on that
 * fold, registers no model); without it the search's final job (the best configuration on the full training split,
 * registered like any job).
 *
 * @param searchId the search's job id
 * @param trial    the configuration's number, from 1
 * @param fold     the held-out fold, 0..folds-1; null for the final job
 * @param folds    k of the cross-validation; null for the final job
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrialRef(String searchId, Integer trial, Integer fold, Integer folds) {

    /** @return the reference of the search's final job */
    public static TrialRef finalJob(String searchId, int trial) {
        return new TrialRef(searchId, trial, null, null);
    }

    /** @return whether this marks a fold job (not the final job) */
    public boolean foldJob() {
        return fold != null;
    }

    /** @return the first broken rule, or null */
    public String problem() {
        String identifier = Identifiers.problem("trial.searchId", searchId);
        if (identifier != null) {
            return identifier;
        }
        if (trial == null || trial < 1) {
            return "trial.trial must be a positive integer, was " + trial;
        }
        if ((fold == null) != (folds == null)) {
            return "trial.fold and trial.folds go together (a fold job has both, the final job neither)";
        }
        if (folds != null && (folds < SearchSpec.MIN_FOLDS || folds > SearchSpec.MAX_FOLDS)) {
            return "trial.folds must be " + SearchSpec.MIN_FOLDS + ".." + SearchSpec.MAX_FOLDS + ", was " + folds;
        }
        if (fold != null && (fold < 0 || fold >= folds)) {
            return "trial.fold must be 0.." + (folds - 1) + ", was " + fold;
        }
        return null;
    }
}
