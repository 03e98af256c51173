package dev.fmnist.cli.demo;

import dev.fmnist.contracts.TrainingJob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link DemoRunner} does. It replays the whole {@value #REPLAY_SPLIT} split and waits until the evaluation
 * counts every image of it.
 *
 * @param datasetFolder     folder of the IDX files to ingest (on the ingest-service's machine)
 * @param download          ingest-service's own folders instead of a path: its download folder ({@code datasetFolder})
 *                          is filled from the official address when its data folder holds no IDX files
 * @param datasetName       name to ingest them under
 * @param job               the training job (dataset and job id are filled in); its {@code epochs} etc. are the recipe
 * @param retrain           train even when a production model exists
 * @param trainingTimeout   longest wait for the job to finish
 * @param evaluationTimeout longest wait for the evaluation to count every image
 */
public record DemoSettings(
        Path datasetFolder,
        boolean download,
        String datasetName,
        TrainingJob job,
        boolean retrain,
        Duration trainingTimeout,
        Duration evaluationTimeout) {

    /** Name of the official dataset. */
    public static final String OFFICIAL_NAME = "fashion-mnist";

    /** The split replayed through {@code fmnist.images.input}. */
    public static final String REPLAY_SPLIT = "test";

    /**
     * The demo's training recipe: an MLP 784-256-128-10, 8 epochs, Adam 0.001, batch 128, about 88% test accuracy
     * in about two minutes on 2 cores (training-service README, docs/benchmarks/training-service.md).
     */
    public static final TrainingJob DEFAULT_JOB = new TrainingJob(
            null,
            OFFICIAL_NAME,
            "mlp",
            8,
            128,
            0.001,
            42L,
            "fmnist-mlp",
            Map.of("hiddenLayers", List.of(256, 128), "validationFraction", 0.05),
            null);

    /**
     * The official demo: Fashion-MNIST from {@code folder}, the default recipe, the 10,000 test images.
     *
     * @param folder the official IDX files
     * @return the settings
     */
    public static DemoSettings official(Path folder) {
        return of(folder, false);
    }

    /**
     * The official demo when the files are not installed: ingest-service downloads them into {@code downloadFolder}
     * (its {@code fmnist.ingest.download.dir}, checksums verified) unless they are there already.
     *
     * @return the settings
     */
    public static DemoSettings downloading(Path downloadFolder) {
        return of(downloadFolder, true);
    }

    private static DemoSettings of(Path folder, boolean download) {
        return new DemoSettings(
                folder, download, OFFICIAL_NAME, DEFAULT_JOB, false, Duration.ofMinutes(30), Duration.ofMinutes(10));
    }

    /** @return the same settings with another training job */
    public DemoSettings withJob(TrainingJob newJob) {
        return new DemoSettings(
                datasetFolder, download, datasetName, newJob, retrain, trainingTimeout, evaluationTimeout);
    }

    /** @return {@code job} with another id, dataset and number of epochs */
    public static TrainingJob copy(TrainingJob job, String jobId, String dataset, Integer epochs) {
        return new TrainingJob(
                jobId,
                dataset,
                job.architecture(),
                epochs,
                job.batchSize(),
                job.learningRate(),
                job.seed(),
                job.modelName(),
                job.params(),
                null);
    }

    /** @return the same settings, training even when a production model exists (or not) */
    public DemoSettings withRetrain(boolean always) {
        return new DemoSettings(datasetFolder, download, datasetName, job, always, trainingTimeout, evaluationTimeout);
    }

    /** @return the same settings with another dataset folder and name */
    public DemoSettings withDataset(Path folder, String name) {
        return new DemoSettings(folder, download, name, job, retrain, trainingTimeout, evaluationTimeout);
    }

    /** @return the same settings with other timeouts */
    public DemoSettings withTimeouts(Duration training, Duration evaluation) {
        return new DemoSettings(datasetFolder, download, datasetName, job, retrain, training, evaluation);
    }
}
