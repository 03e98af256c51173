package dev.fmnist.cli.demo;

import dev.fmnist.cli.client.EvaluationClient;
import dev.fmnist.cli.client.InferenceClient;
import dev.fmnist.cli.client.IngestClient;
import dev.fmnist.cli.client.ServiceCallException;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.ProgressBar;
import dev.fmnist.cli.console.Steps;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.ingest.DatasetStatus;
import dev.fmnist.contracts.api.ingest.DatasetView;
import dev.fmnist.contracts.api.ingest.IngestResponse;
import dev.fmnist.contracts.api.ingest.ReplayState;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.Promotion;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Steps 3 to 6 of the demo against running services: ingest, train (or reuse the production model), replay a split
 * through {@code fmnist.images.input}, and wait until the evaluation counts every replayed image.
 *
 * <pre>{@code
 * DemoResult result = new DemoRunner(DemoSettings.official(folder), services.endpoints(),
 *         platform.bootstrapServers(), new Steps(out, 7), false).run();
 * result.evaluation().accuracy();
 * }</pre>
 */
public final class DemoRunner {

    /** Step numbers of the demo (1 build, 2 start, 7 run until Ctrl-C are the command's). */
    public static final int STEP_INGEST = 3;
    /** Train or reuse. */
    public static final int STEP_MODEL = 4;
    /** Replay. */
    public static final int STEP_REPLAY = 5;
    /** Evaluation. */
    public static final int STEP_EVALUATION = 6;

    private final DemoSettings settings;
    private final IngestClient ingest;
    private final TrainingClient training;
    private final InferenceClient inference;
    private final EvaluationClient evaluation;
    private final String bootstrapServers;
    private final Steps steps;
    private final boolean terminal;

    /**
     * @param services         where the services are
     * @param bootstrapServers Kafka (for training progress and evaluations)
     * @param steps            where the step lines go
     * @param terminal         whether the output is a terminal (progress bars redrawn in place)
     */
    public DemoRunner(
            DemoSettings settings, ServiceUrls services, String bootstrapServers, Steps steps, boolean terminal) {
        this.settings = settings;
        this.ingest = services.ingestClient();
        this.training = services.trainingClient();
        this.inference = services.inferenceClient();
        this.evaluation = services.evaluationClient();
        this.bootstrapServers = bootstrapServers;
        this.steps = steps;
        this.terminal = terminal;
    }

    /**
     * Runs steps 3 to 6.
     *
     * @return the dataset, the model and its evaluation
     * @throws IllegalStateException when a step fails or times out (the message says which and why)
     */
    public DemoResult run() {
        DatasetView dataset = ingest();
        ModelChoice model = model();
        ReplayState replay = replay(dataset);
        Evaluation result = awaitEvaluation(model.modelId(), replay, expectedCount(dataset));
        return new DemoResult(dataset.id(), model.modelId(), model.trained(), model.jobId(), replay, result);
    }

    /**
     * Step 3: ingests the dataset folder, unless a ready dataset of that name exists already.
     *
     * @return the ready dataset
     */
    public DatasetView ingest() {
        steps.begin(STEP_INGEST, "Ingest " + settings.datasetName() + " from " + settings.datasetFolder());
        Optional<DatasetView> existing =
                ingest.dataset(settings.datasetName()).filter(d -> d.status() == DatasetStatus.READY);
        if (existing.isPresent()) {
            steps.done("already ingested, nothing to do: " + DemoText.describe(existing.get()));
            return existing.get();
        }
        if (settings.download()) {
            steps.info("the official files are not installed: ingest-service downloads them (checksums verified)");
        }
        IngestResponse result;
        try {
            result = ingest.ingestIdx(
                    settings.download() ? null : settings.datasetFolder().toString(), settings.datasetName());
        } catch (ServiceCallException e) {
            if (!settings.download()) {
                throw e;
            }
            throw new IllegalStateException(
                    e.getMessage() + System.lineSeparator() + DemoText.howToGetTheData(settings.datasetFolder()), e);
        }
        steps.done((result.result() == IngestResponse.Result.UNCHANGED
                        ? "unchanged: "
                        : "published " + Format.count(result.published()) + " images: ")
                + DemoText.describe(result.dataset()));
        return result.dataset();
    }

    /**
     * Which model step 4 chose.
     *
     * @param modelId the production model
     * @param trained whether this run trained it
     * @param jobId   the job, or null
     */
    public record ModelChoice(String modelId, boolean trained, String jobId) {}

    /**
     * Step 4: reuses the production model, or trains one (showing per-epoch progress), then waits until
     * inference-service serves it.
     *
     * @return the model the replay will be predicted with
     */
    public ModelChoice model() {
        Optional<ModelVersion> production = training.production();
        ModelChoice choice;
        if (production.isPresent() && !settings.retrain()) {
            steps.begin(STEP_MODEL, "Model: reuse the production model (--retrain trains a new one)");
            steps.info(DemoText.describe(production.get()));
            choice = new ModelChoice(production.get().modelId(), false, null);
        } else {
            TrainingJob template = settings.job();
            steps.begin(
                    STEP_MODEL,
                    "Train " + template.architecture() + " on " + settings.datasetName() + ", "
                            + template.epochs() + (template.epochs() == 1 ? " epoch" : " epochs")
                            + (production.isPresent() ? " (--retrain)" : "")
                            + " — progress from fmnist.training.progress");
            choice = train(template);
        }
        String modelId = choice.modelId();
        Await.until(
                Duration.ofMinutes(3),
                () -> inference.serving().filter(s -> modelId.equals(s.modelId())),
                () -> "inference-service does not serve " + modelId + " after 3 minutes (see its log, and GET /model"
                        + " on it)");
        steps.done("inference-service serves " + modelId);
        return choice;
    }

    private ModelChoice train(TrainingJob template) {
        // training-service learns datasets from fmnist.datasets: right after an ingest it may not know it yet
        Await.untilTrue(
                Duration.ofMinutes(2),
                () -> training.knowsDataset(settings.datasetName()),
                () -> "training-service has not seen the announcement of " + settings.datasetName()
                        + " on fmnist.datasets after 2 minutes (GET " + training.baseUrl() + "/datasets)");
        String jobId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        JobView finished = JobFollower.follow(
                training,
                bootstrapServers,
                DemoSettings.copy(template, jobId, settings.datasetName(), template.epochs()),
                new ProgressBar(steps.out(), terminal, Steps.INDENT),
                settings.trainingTimeout());
        if (finished.status() != JobStatus.COMPLETED) {
            throw new IllegalStateException("training job " + jobId + " ended " + finished.status()
                    + (finished.message() == null ? "" : ": " + finished.message()));
        }
        // registration and the promotion gate are one transaction before the job completes
        ModelVersion model = Await.until(
                Duration.ofSeconds(30),
                () -> training.model(finished.modelId()).map(ModelEntry::model),
                () -> "model " + finished.modelId() + " is not in the registry (GET " + training.baseUrl() + "/models/"
                        + finished.modelId() + ")");
        Promotion promotion = finished.promotion();
        ModelStatus status = promotion != null && promotion.status() != null ? promotion.status() : model.status();
        steps.info("registered " + DemoText.describe(model, status));
        if (status == ModelStatus.PRODUCTION) {
            return new ModelChoice(model.modelId(), true, jobId);
        }
        ModelVersion production = training.production()
                .orElseThrow(() -> new IllegalStateException(
                        "model " + model.modelId() + " was not promoted and no model is in production"));
        String why = promotion == null || promotion.reason() == null
                ? "the production model is as good or better"
                : promotion.reason();
        steps.info("not promoted (" + why + "); evaluating " + production.modelId());
        return new ModelChoice(production.modelId(), true, jobId);
    }

    /**
     * Step 5: starts the replay of the split to {@code fmnist.images.input}.
     *
     * @return the replay, just started
     */
    public ReplayState replay(DatasetView dataset) {
        steps.begin(
                STEP_REPLAY,
                "Replay the " + DemoSettings.REPLAY_SPLIT + " split of " + dataset.id()
                        + " through fmnist.images.input");
        ReplayState replay = ingest.replay(dataset.id(), DemoSettings.REPLAY_SPLIT, null, null);
        steps.done("replay " + replay.id() + " started");
        return replay;
    }

    /**
     * Step 6: waits until the replay is done and the model's evaluation counts {@code expected} images.
     *
     * @param replay   the replay started in step 5
     * @param expected images the evaluation must count
     * @return the model's evaluation
     */
    public Evaluation awaitEvaluation(String modelId, ReplayState replay, long expected) {
        steps.begin(
                STEP_EVALUATION,
                "Predict and evaluate: wait until evaluation-service counts " + Format.count(expected) + " images for "
                        + modelId);
        return new EvaluationWait(ingest, evaluation, bootstrapServers, steps, terminal, settings.evaluationTimeout())
                .await(modelId, replay, expected);
    }

    private static long expectedCount(DatasetView dataset) {
        return dataset.split(DemoSettings.REPLAY_SPLIT)
                .map(DatasetView.SplitView::count)
                .orElseThrow(() -> new IllegalStateException(
                        "dataset " + dataset.id() + " has no split " + DemoSettings.REPLAY_SPLIT));
    }
}
