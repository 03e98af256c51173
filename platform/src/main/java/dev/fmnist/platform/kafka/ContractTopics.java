package dev.fmnist.platform.kafka;

import dev.fmnist.contracts.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fixed contract topics and how the platform creates them.
 *
 * <p>Topics that are the system's memory keep their records forever: evaluation replays {@code fmnist.predictions}
 * from the beginning, the model registry is rebuilt from {@code fmnist.models}, training finds datasets through
 * {@code fmnist.datasets}. Streams of work and telemetry keep seven days. The two high-volume streams
 * ({@code fmnist.images.input} and {@code fmnist.predictions}, and {@code fmnist.predictions.shadow}) get
 * {@link #STREAM_PARTITIONS} (default four) partitions so inference and evaluation can scale to that many consumers, and so does {@code fmnist.training.jobs}, so that up to four training-service replicas
 * share the jobs (a search's fold jobs, keyed by their own ids, spread over them; each replica runs its share in
 * arrival order, so jobs no longer run in one total order); everything else is one partition, which keeps a total
 * order per topic.
 */
public final class ContractTopics {

    /** Retention of the topics that do not keep records forever. */
    public static final Duration WEEK = Duration.ofDays(7);

    /** Default partitions of the high-volume topics. */
    public static final int DEFAULT_STREAM_PARTITIONS = 4;

    /** System property that sets the partitions of the stream topics (wins over the environment variable). */
    public static final String PARTITIONS_PROPERTY = "fmnist.topics.stream-partitions";

    /** Environment variable that sets the partitions of the stream topics. */
    public static final String PARTITIONS_ENV = "FMNIST_STREAM_PARTITIONS";

    /**
     * Partitions of the stream topics ({@code fmnist.images.input}, {@code fmnist.predictions},
     * {@code fmnist.predictions.shadow}, {@code fmnist.training.jobs}): {@value #PARTITIONS_PROPERTY} or
     * {@value #PARTITIONS_ENV}, default {@value #DEFAULT_STREAM_PARTITIONS}. They bound how many replicas of
     * inference, evaluation and training share the work; they apply to topics created from now on (an existing topic
     * keeps its partitions).
     */
    public static final int STREAM_PARTITIONS =
            streamPartitions(System.getProperty(PARTITIONS_PROPERTY), System.getenv(PARTITIONS_ENV));

    /** Every fixed topic of the contract, in {@link Topics#FIXED} order. */
    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.keptFor(
                    Topics.IMAGES_INPUT,
                    STREAM_PARTITIONS,
                    WEEK,
                    "images to classify; high volume, consumed once by inference"),
            TopicSpec.forever(
                    Topics.PREDICTIONS, STREAM_PARTITIONS, "evaluation replays every prediction from the beginning"),
            TopicSpec.keptFor(Topics.EVALUATIONS, 1, WEEK, "snapshots; the newest per model is what matters"),
            TopicSpec.keptFor(Topics.REJECTED, 1, WEEK, "operators' dead-letter topic"),
            TopicSpec.forever(Topics.DATASETS, 1, "dataset announcements; training looks datasets up here"),
            TopicSpec.keptFor(
                    Topics.TRAINING_JOBS,
                    STREAM_PARTITIONS,
                    WEEK,
                    "job requests and a search's fold jobs; the training replicas share the partitions"),
            TopicSpec.keptFor(Topics.TRAINING_PROGRESS, 1, WEEK, "per-epoch telemetry"),
            TopicSpec.forever(Topics.MODELS, 1, "the model registry's event log; one partition keeps version order"),
            TopicSpec.forever(
                    Topics.PREDICTIONS_SHADOW,
                    STREAM_PARTITIONS,
                    "challengers' predictions; evaluation replays them like fmnist.predictions"),
            TopicSpec.keptFor(
                    Topics.ALERTS, 1, WEEK, "quality, drift and challenger alerts for the dashboard and operators"));

    private static final Map<String, TopicSpec> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(TopicSpec::name, Function.identity()));

    /**
     * Partitions of a per-dataset split topic ({@code fmnist.datasets.<name>.<split>}), created by ingest
     * (its {@code fmnist.ingest.topics.partitions} default; ingest's SplitTopicDefinitionTest holds the two equal).
     */
    public static final int DATASET_SPLIT_PARTITIONS = 3;

    private ContractTopics() {}

    /**
     * @param property the system property's value, or null
     * @param env      the environment variable's value, or null
     * @return the partitions they set (the property first), else the default
     * @throws IllegalArgumentException when the value set is not an integer 1..256
     */
    static int streamPartitions(String property, String env) {
        String value = property != null && !property.isBlank() ? property : env;
        if (value == null || value.isBlank()) {
            return DEFAULT_STREAM_PARTITIONS;
        }
        try {
            int partitions = Integer.parseInt(value.strip());
            if (partitions >= 1 && partitions <= 256) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                PARTITIONS_PROPERTY + " / " + PARTITIONS_ENV + " must be an integer 1..256, was '" + value + "'");
    }

    /**
     * @param name a fixed contract topic
     * @return its spec
     * @throws IllegalArgumentException for a topic that is not a fixed contract topic
     */
    public static TopicSpec of(String name) {
        TopicSpec spec = BY_NAME.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("not a fixed contract topic: " + name);
        }
        return spec;
    }

    /**
     * The spec for a per-dataset split topic: kept forever, like every dataset topic.
     *
     * @param datasetName dataset name, e.g. {@code fashion-mnist}
     * @param split       {@code train} or {@code test}
     * @return the spec of {@code fmnist.datasets.<name>.<split>}
     */
    public static TopicSpec datasetSplit(String datasetName, String split) {
        return TopicSpec.compactedForever(
                Topics.datasetSplit(datasetName, split),
                DATASET_SPLIT_PARTITIONS,
                "labelled images of one dataset split, compacted by image id (each image once); training reads it"
                        + " from the beginning");
    }
}
