package dev.fmnist.training.search;

import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrialRef;
import dev.fmnist.ml.training.TrainingSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a search job runs: one trial per configuration, each with its effective job (the search job's fields with the
 * configuration's values over them) and one fold job per fold. Deterministic: the same search job always gives the
 * same plan (ids, jobs and submission times), so a search published again publishes the same fold jobs.
 *
 * @param searchId the search job's id
 * @param folds    k
 * @param metric   {@code accuracy} or {@code macroF1}
 * @param trials   in trial order, numbered from 1
 */
public record SearchPlan(String searchId, int folds, String metric, List<Trial> trials) {

    /** Grid names that replace the job's own fields; any other name is a parameter. */
    public static final List<String> JOB_FIELDS = List.of("architecture", "epochs", "batchSize", "learningRate");

    /**
     * @param trial  its number, from 1
     * @param config its grid values
     * @param job    the effective job (no id, no trial): what each of its fold jobs and the final job train
     */
    public record Trial(int trial, Map<String, Object> config, TrainingJob job) {}

    /**
     * @param search a search job whose {@link TrainingJob#problem()} is null
     * @return its plan
     * @throws IllegalArgumentException when a configuration gives a job field a value of the wrong type
     */
    public static SearchPlan of(TrainingJob search) {
        long seed = search.seed() == null ? TrainingSpec.DEFAULT_SEED : search.seed();
        List<Trial> trials = new ArrayList<>();
        int number = 1;
        for (Map<String, Object> config : Grid.configurations(search.search(), seed)) {
            trials.add(new Trial(number, config, effective(search, config, number)));
            number++;
        }
        return new SearchPlan(
                search.jobId(), search.search().foldCount(), search.search().metricName(), List.copyOf(trials));
    }

    /** @return {@code <searchId>.t<trial, 2 digits>.f<fold>}, e.g. {@code s1.t03.f2} */
    public static String foldJobId(String searchId, int trial, int fold) {
        return String.format(Locale.ROOT, "%s.t%02d.f%d", searchId, trial, fold);
    }

    /** @return {@code <searchId>.best} */
    public static String finalJobId(String searchId) {
        return searchId + ".best";
    }

    /** @return the fold jobs of {@code trial}, in fold order */
    public List<TrainingJob> foldJobs(Trial trial) {
        List<TrainingJob> jobs = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            jobs.add(withTrial(
                    trial.job(),
                    foldJobId(searchId, trial.trial(), fold),
                    new TrialRef(searchId, trial.trial(), fold, folds)));
        }
        return jobs;
    }

    /** @return every fold job, trial by trial */
    public List<TrainingJob> foldJobs() {
        return trials.stream().flatMap(t -> foldJobs(t).stream()).toList();
    }

    /** @return the final job: {@code trial}'s configuration on the full training split, registered */
    public static TrainingJob finalJob(String searchId, int trial, TrainingJob effective) {
        return withTrial(effective, finalJobId(searchId), TrialRef.finalJob(searchId, trial));
    }

    private static TrainingJob withTrial(TrainingJob effective, String id, TrialRef ref) {
        return new TrainingJob(
                id,
                effective.dataset(),
                effective.architecture(),
                effective.epochs(),
                effective.batchSize(),
                effective.learningRate(),
                effective.seed(),
                effective.modelName(),
                effective.params(),
                effective.submittedAt(),
                TrainingJob.TRAIN,
                null,
                ref);
    }

    /** @return the search job with {@code config}'s values over its own (no id, kind, search or trial) */
    static TrainingJob effective(TrainingJob search, Map<String, Object> config, int trial) {
        String architecture = search.architecture();
        Integer epochs = search.epochs();
        Integer batchSize = search.batchSize();
        Double learningRate = search.learningRate();
        Map<String, Object> params = new LinkedHashMap<>(search.params() == null ? Map.of() : search.params());
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            Object value = entry.getValue();
            switch (entry.getKey()) {
                case "architecture" -> architecture = text(entry.getKey(), value, trial);
                case "epochs" -> epochs = integer(entry.getKey(), value, trial);
                case "batchSize" -> batchSize = integer(entry.getKey(), value, trial);
                case "learningRate" ->
                    learningRate = number(entry.getKey(), value, trial).doubleValue();
                default -> params.put(entry.getKey(), value);
            }
        }
        return new TrainingJob(
                null,
                search.dataset(),
                architecture,
                epochs,
                batchSize,
                learningRate,
                search.seed(),
                search.modelName(),
                Collections.unmodifiableMap(params),
                search.submittedAt(),
                null,
                null,
                null);
    }

    private static String text(String name, Object value, int trial) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw wrongType(name, value, "a name", trial);
    }

    private static Number number(String name, Object value, int trial) {
        if (value instanceof Number n) {
            return n;
        }
        throw wrongType(name, value, "a number", trial);
    }

    private static Integer integer(String name, Object value, int trial) {
        double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw wrongType(name, value, "an integer", trial);
        }
        return (int) d;
    }

    private static IllegalArgumentException wrongType(String name, Object value, String expected, int trial) {
        return new IllegalArgumentException(
                "search.grid." + name + " must hold " + expected + ", trial " + trial + " has " + value);
    }
}
