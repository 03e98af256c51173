package dev.fmnist.contracts;

import java.util.List;

/** Names of the contract's Kafka topics. */
public final class Topics {

    /** Images to classify (InputImage), written by users and by ingest replays. */
    public static final String IMAGES_INPUT = "fmnist.images.input";
    /** One Prediction per accepted input image. */
    public static final String PREDICTIONS = "fmnist.predictions";
    /** Evaluation snapshots per model. */
    public static final String EVALUATIONS = "fmnist.evaluations";
    /** Records any service refused, with the reason. */
    public static final String REJECTED = "fmnist.rejected";
    /** DatasetReady announcements. */
    public static final String DATASETS = "fmnist.datasets";
    /** TrainingJob requests. */
    public static final String TRAINING_JOBS = "fmnist.training.jobs";
    /** TrainingProgress of running jobs. */
    public static final String TRAINING_PROGRESS = "fmnist.training.progress";
    /** ModelEvent for every registry change. */
    public static final String MODELS = "fmnist.models";

    /** Predictions of models in shadow (same JSON as Prediction, plus {@code "role": "shadow"}). */
    public static final String PREDICTIONS_SHADOW = "fmnist.predictions.shadow";
    /** Alerts: quality drop, input drift, challenger verdict (key = model id). */
    public static final String ALERTS = "fmnist.alerts";

    /** Prefix of the per-split dataset topics, {@code fmnist.datasets.<name>.<split>}. */
    public static final String DATASET_SPLIT_PREFIX = "fmnist.datasets.";

    /** Every fixed topic of the contract (dataset split topics are created per dataset). */
    public static final List<String> FIXED = List.of(
            IMAGES_INPUT,
            PREDICTIONS,
            EVALUATIONS,
            REJECTED,
            DATASETS,
            TRAINING_JOBS,
            TRAINING_PROGRESS,
            MODELS,
            PREDICTIONS_SHADOW,
            ALERTS);

    private Topics() {}

    /**
     * The topic that holds one split of a dataset.
     *
     * @param datasetName a dataset name such as {@code fashion-mnist}
     * @param split       {@code train} or {@code test}
     * @return {@code fmnist.datasets.<name>.<split>}
     */
    public static String datasetSplit(String datasetName, String split) {
        return DATASET_SPLIT_PREFIX + datasetName + "." + split;
    }
}
