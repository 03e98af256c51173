package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.ml.architecture.Architectures;
import dev.fmnist.ml.architecture.InvalidHyperParameterException;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.training.search.SearchPlan;

import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether a job can run before it is queued: the contract's field rules, a known architecture, a known
 * dataset with a {@code train} split, and hyper-parameters the architecture accepts. Reasons start with a rule code
 * ({@code invalid-field}, {@code unknown-architecture}, {@code unknown-dataset}, {@code invalid-dataset},
 * {@code invalid-parameter}).
 */
public final class JobValidator {

    /** The split jobs train on. */
    public static final String TRAIN_SPLIT = "train";
    /** The split test metrics and the promotion gate use, when the dataset has it. */
    public static final String TEST_SPLIT = "test";
    /** Upper bound on epochs, so a typo cannot occupy an instance for days. */
    public static final int MAX_EPOCHS = 1000;

    private final Function<String, Optional<DatasetReady>> datasets;

    /** @param datasets finds a dataset by id or name */
    public JobValidator(Function<String, Optional<DatasetReady>> datasets) {
        this.datasets = datasets;
    }

    /**
     * @param job the job as received
     * @return the checked job, or the reason it cannot run
     */
    public Checked check(TrainingJob job) {
        String problem = job.problem();
        if (problem != null) {
            return Checked.refused("invalid-field: " + problem);
        }
        if (job.epochs() > MAX_EPOCHS) {
            return Checked.refused("invalid-field: epochs must be at most " + MAX_EPOCHS + ", was " + job.epochs());
        }
        if (Architectures.find(job.architecture()).isEmpty()) {
            return Checked.refused("unknown-architecture: '" + job.architecture() + "', known: "
                    + Architectures.all().keySet());
        }
        Optional<DatasetReady> dataset = datasets.apply(job.dataset());
        if (dataset.isEmpty()) {
            return Checked.refused("unknown-dataset: no dataset named or with id '" + job.dataset()
                    + "' has been announced on fmnist.datasets");
        }
        Optional<DatasetSplit> train = split(dataset.get(), TRAIN_SPLIT);
        if (train.isEmpty() || train.get().count() <= 0) {
            return Checked.refused("invalid-dataset: dataset " + dataset.get().datasetId() + " has no non-empty "
                    + TRAIN_SPLIT + " split");
        }
        int trainCount = (int) Math.min(Integer.MAX_VALUE, train.get().count());
        try {
            TrainingSpec spec = TrainingSpec.of(
                    job.architecture(), job.epochs(), job.batchSize(), job.learningRate(), job.seed(), job.params(), 0);
            spec.resolve(trainCount);
            if (job.searchKind()) {
                String search = searchProblem(job, trainCount);
                if (search != null) {
                    return Checked.refused(search);
                }
            }
            return new Checked(job, dataset.get(), spec, null);
        } catch (InvalidHyperParameterException e) {
            return Checked.refused("invalid-parameter: " + e.getMessage());
        }
    }

    /**
     * A search is refused when one of its configurations could not run: every trial's effective job is checked as a
     * job of its own (an unknown grid name for the architecture is an unknown parameter), and there must be at least
     * as many training images as folds.
     */
    private static String searchProblem(TrainingJob job, int trainCount) {
        if (trainCount < job.search().foldCount()) {
            return "invalid-field: search.folds " + job.search().foldCount() + " is more than the " + trainCount
                    + " training images";
        }
        SearchPlan plan;
        try {
            plan = SearchPlan.of(job);
        } catch (IllegalArgumentException e) {
            return "invalid-field: " + e.getMessage();
        }
        for (SearchPlan.Trial trial : plan.trials()) {
            TrainingJob effective = trial.job();
            String where = "search trial " + trial.trial() + " " + trial.config() + ": ";
            if (effective.epochs() == null || effective.epochs() <= 0 || effective.epochs() > MAX_EPOCHS) {
                return "invalid-field: " + where + "epochs must be 1.." + MAX_EPOCHS + ", was " + effective.epochs();
            }
            if (Architectures.find(effective.architecture()).isEmpty()) {
                return "unknown-architecture: " + where + "'" + effective.architecture() + "', known: "
                        + Architectures.all().keySet();
            }
            try {
                TrainingSpec.of(
                                effective.architecture(),
                                effective.epochs(),
                                effective.batchSize(),
                                effective.learningRate(),
                                effective.seed(),
                                effective.params(),
                                0)
                        .resolve(trainCount);
            } catch (InvalidHyperParameterException e) {
                return "invalid-parameter: " + where + e.getMessage();
            }
        }
        return null;
    }

    /** @return the split called {@code name}, if the dataset has one */
    public static Optional<DatasetSplit> split(DatasetReady dataset, String name) {
        return dataset.splits().stream().filter(s -> name.equals(s.split())).findFirst();
    }

    /**
     * @param job     the job
     * @param dataset the dataset it resolved to
     * @param spec    the trainer's spec (progress interval not set)
     * @param problem why it cannot run, null when it can
     */
    public record Checked(TrainingJob job, DatasetReady dataset, TrainingSpec spec, String problem) {

        static Checked refused(String problem) {
            return new Checked(null, null, null, problem);
        }

        /** @return whether the job can run */
        public boolean valid() {
            return problem == null;
        }
    }
}
