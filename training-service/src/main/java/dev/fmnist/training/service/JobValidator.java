package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.ml.architecture.Architectures;
import dev.fmnist.ml.architecture.InvalidHyperParameterException;
import dev.fmnist.ml.training.TrainingSpec;

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
        try {
            TrainingSpec spec = TrainingSpec.of(
                    job.architecture(), job.epochs(), job.batchSize(), job.learningRate(), job.seed(), job.params(), 0);
            spec.resolve((int) Math.min(Integer.MAX_VALUE, train.get().count()));
            return new Checked(job, dataset.get(), spec, null);
        } catch (InvalidHyperParameterException e) {
            return Checked.refused("invalid-parameter: " + e.getMessage());
        }
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
