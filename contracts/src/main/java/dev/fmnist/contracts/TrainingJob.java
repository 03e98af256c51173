package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * A request to train a model, on {@code fmnist.training.jobs} (key = job id).
 *
 * @param jobId        unique job id (the training API makes one when absent)
 * @param dataset      dataset name or id to train on
 * @param architecture architecture name, e.g. {@code softmax}, {@code mlp}, {@code lenet5}
 * @param epochs       passes over the training split, &gt; 0
 * @param batchSize    images per step, &gt; 0
 * @param learningRate initial learning rate, &gt; 0
 * @param seed         random seed for init, shuffling and the validation split
 * @param modelName    registry name of the resulting model
 * @param params       architecture-specific hyper-parameters (hidden layers, activation, optimiser, ...)
 * @param submittedAt  when the job was submitted
 * @param kind         {@value #TRAIN} (default when absent) or {@value #SEARCH}
 * @param search       the search, required with kind {@value #SEARCH} and only then
 * @param trial        set by a search on the fold and final jobs it publishes; users never send it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingJob(
        String jobId,
        String dataset,
        String architecture,
        Integer epochs,
        Integer batchSize,
        Double learningRate,
        Long seed,
        String modelName,
        Map<String, Object> params,
        Instant submittedAt,
        String kind,
        SearchSpec search,
        TrialRef trial)
        implements Checkable {

    /** Kind of a job that trains one model. */
    public static final String TRAIN = "train";
    /** Kind of a job that searches hyper-parameters, fanned out as fold jobs. */
    public static final String SEARCH = "search";
    /**
     * Longest job id of a search: its fold jobs' ids append {@code .tNNN.fN} (at most 8 characters) and must stay
     * identifiers.
     */
    public static final int MAX_SEARCH_ID_LENGTH = Identifiers.MAX_LENGTH - 8;

    /** A job of kind {@value #TRAIN}, as before searches existed. */
    public TrainingJob(
            String jobId,
            String dataset,
            String architecture,
            Integer epochs,
            Integer batchSize,
            Double learningRate,
            Long seed,
            String modelName,
            Map<String, Object> params,
            Instant submittedAt) {
        this(
                jobId,
                dataset,
                architecture,
                epochs,
                batchSize,
                learningRate,
                seed,
                modelName,
                params,
                submittedAt,
                null,
                null,
                null);
    }

    /** @return whether this is a search (kind {@value #SEARCH}) */
    public boolean searchKind() {
        return SEARCH.equals(kind);
    }

    /** @return the job with another id and submission time, everything else the same */
    public TrainingJob withIdAndTime(String id, Instant at) {
        return new TrainingJob(
                id,
                dataset,
                architecture,
                epochs,
                batchSize,
                learningRate,
                seed,
                modelName,
                params,
                at,
                kind,
                search,
                trial);
    }

    @Override
    public String problem() {
        if (jobId == null || jobId.isBlank()) {
            return "jobId is missing";
        }
        if (dataset == null || dataset.isBlank()) {
            return "dataset is missing";
        }
        if (architecture == null || architecture.isBlank()) {
            return "architecture is missing";
        }
        String identifier = Identifiers.problem("jobId", jobId);
        if (identifier == null) {
            identifier = Identifiers.problem("dataset", dataset);
        }
        if (identifier == null) {
            identifier = Identifiers.textProblem("architecture", architecture);
        }
        if (identifier == null) {
            identifier = Identifiers.textProblem("modelName", modelName);
        }
        if (identifier != null) {
            return identifier;
        }
        if (epochs == null || epochs <= 0) {
            return "epochs must be a positive integer, was " + epochs;
        }
        if (batchSize != null && batchSize <= 0) {
            return "batchSize must be a positive integer, was " + batchSize;
        }
        if (learningRate != null && !(learningRate > 0)) {
            return "learningRate must be positive, was " + learningRate;
        }
        if (kind != null && !TRAIN.equals(kind) && !SEARCH.equals(kind)) {
            return "kind must be 'train' or 'search', was '" + kind + "'";
        }
        if (searchKind()) {
            if (search == null) {
                return "search is missing (a job of kind 'search' needs its grid)";
            }
            if (trial != null) {
                return "trial is set by a search on the jobs it publishes; a search cannot have one";
            }
            int length = jobId.codePointCount(0, jobId.length());
            if (length > MAX_SEARCH_ID_LENGTH) {
                return "'jobId' of a search has " + length + " characters, the limit is " + MAX_SEARCH_ID_LENGTH
                        + " (its fold jobs append .tNN.fN)";
            }
            return search.problem();
        }
        if (search != null) {
            return "search is only allowed with kind 'search'";
        }
        return trial == null ? null : trial.problem();
    }
}
