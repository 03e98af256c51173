package dev.fmnist.cli.demo;

import dev.fmnist.cli.client.DatasetInfo;
import dev.fmnist.cli.client.EvaluationClient;
import dev.fmnist.cli.client.InferenceClient;
import dev.fmnist.cli.client.IngestClient;
import dev.fmnist.cli.client.IngestResult;
import dev.fmnist.cli.client.JobState;
import dev.fmnist.cli.client.ModelInfo;
import dev.fmnist.cli.client.ReplayState;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.client.TopicFollower;
import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.ProgressBar;
import dev.fmnist.cli.console.Steps;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;

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

    private static final Duration POLL = Duration.ofMillis(500);

    private final DemoSettings settings;
    private final IngestClient ingest;
    private final TrainingClient training;
    private final InferenceClient inference;
    private final EvaluationClient evaluation;
    private final String bootstrapServers;
    private final Steps steps;
    private final boolean terminal;

    /**
     * @param settings         what to do
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
        DatasetInfo dataset = ingest();
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
    public DatasetInfo ingest() {
        steps.begin(STEP_INGEST, "Ingest " + settings.datasetName() + " from " + settings.datasetFolder());
        Optional<DatasetInfo> existing = ingest.dataset(settings.datasetName()).filter(DatasetInfo::ready);
        if (existing.isPresent()) {
            steps.done("already ingested, nothing to do: " + describe(existing.get()));
            return existing.get();
        }
        IngestResult result = ingest.ingestIdx(settings.datasetFolder().toString(), settings.datasetName());
        steps.done((result.unchanged() ? "unchanged: " : "published " + Format.count(result.published()) + " images: ")
                + describe(result.dataset()));
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
        Optional<ModelInfo> production = training.production();
        ModelChoice choice;
        if (production.isPresent() && !settings.retrain()) {
            ModelInfo model = production.get();
            steps.begin(STEP_MODEL, "Model: reuse the production model (--retrain trains a new one)");
            steps.info(describe(model));
            choice = new ModelChoice(model.modelId(), false, null);
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
        awaitServing(choice.modelId());
        steps.done("inference-service serves " + choice.modelId());
        return choice;
    }

    private ModelChoice train(TrainingJob template) {
        awaitDatasetKnown();
        String jobId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        TrainingJob job = new TrainingJob(
                jobId,
                settings.datasetName(),
                template.architecture(),
                template.epochs(),
                template.batchSize(),
                template.learningRate(),
                template.seed(),
                template.modelName(),
                template.params(),
                null);
        JobState finished = follow(
                training,
                bootstrapServers,
                job,
                new ProgressBar(steps.out(), terminal, Steps.INDENT),
                settings.trainingTimeout());
        if (finished.status() != JobStatus.COMPLETED) {
            throw new IllegalStateException("training job " + jobId + " ended " + finished.status()
                    + (finished.message() == null ? "" : ": " + finished.message()));
        }
        String modelId = finished.modelId();
        ModelInfo model = awaitDecision(modelId);
        steps.info("registered " + describe(model));
        if (model.status() == ModelStatus.PRODUCTION) {
            return new ModelChoice(modelId, true, jobId);
        }
        ModelInfo production = training.production()
                .orElseThrow(() -> new IllegalStateException(
                        "model " + modelId + " was not promoted and no model is in production"));
        steps.info("not promoted (the production model is as good or better); evaluating " + production.modelId());
        return new ModelChoice(production.modelId(), true, jobId);
    }

    /** training-service learns datasets from {@code fmnist.datasets}: right after an ingest it may not know it yet. */
    private void awaitDatasetKnown() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!training.knowsDataset(settings.datasetName())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("training-service has not seen the announcement of "
                        + settings.datasetName() + " on fmnist.datasets after 2 minutes (GET " + training.baseUrl()
                        + "/datasets)");
            }
            sleep(POLL);
        }
    }

    /**
     * Submits a job and follows it until it ends, drawing its progress.
     *
     * @param training         training-service
     * @param bootstrapServers Kafka
     * @param job              the job, with its id
     * @param bar              where progress is drawn
     * @param timeout          longest wait
     * @return the job as it ended
     */
    public static JobState follow(
            TrainingClient training, String bootstrapServers, TrainingJob job, ProgressBar bar, Duration timeout) {
        try (TopicFollower<TrainingProgress> progress =
                TopicFollower.trainingProgress(bootstrapServers, TopicFollower.Start.END)) {
            String jobId = training.submit(job);
            long deadline = System.nanoTime() + timeout.toNanos();
            long nextCheck = 0;
            while (System.nanoTime() < deadline) {
                for (TrainingProgress event : progress.poll(POLL, p -> jobId.equals(p.jobId()))) {
                    bar.show(event);
                    if (isFinal(event.status())) {
                        return awaitJobRecord(training, jobId, event);
                    }
                }
                if (System.nanoTime() > nextCheck) {
                    // the REST record too: a progress event may have been missed
                    Optional<JobState> state = training.job(jobId);
                    if (state.isPresent() && state.get().finished()) {
                        bar.finishLine();
                        return state.get();
                    }
                    nextCheck = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
            }
            bar.finishLine();
            throw new IllegalStateException("training job " + jobId + " did not finish within "
                    + Format.duration(timeout.toSeconds()) + " (GET " + training.baseUrl() + "/jobs/" + jobId + ")");
        }
    }

    private static JobState awaitJobRecord(TrainingClient training, String jobId, TrainingProgress last) {
        for (int i = 0; i < 20; i++) {
            Optional<JobState> state = training.job(jobId);
            if (state.isPresent() && state.get().finished()) {
                return state.get();
            }
            sleep(Duration.ofMillis(250));
        }
        return new JobState(jobId, null, last.status(), null, last.message(), last.modelId(), last);
    }

    private static boolean isFinal(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }

    /** The promotion gate runs when the model is registered; give its event a moment. */
    private ModelInfo awaitDecision(String modelId) {
        ModelInfo model = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            model = training.model(modelId).map(ModelInfo.Entry::model).orElse(null);
            if (model != null
                    && (model.status() == ModelStatus.PRODUCTION
                            || model.status() == ModelStatus.ARCHIVED
                            || training.production()
                                    .filter(p -> !p.modelId().equals(modelId))
                                    .isPresent())) {
                return model;
            }
            sleep(POLL);
        }
        if (model == null) {
            throw new IllegalStateException("model " + modelId + " is not in the registry (GET " + training.baseUrl()
                    + "/models/" + modelId + ")");
        }
        return model;
    }

    private void awaitServing(String modelId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (inference.serving().filter(s -> modelId.equals(s.modelId())).isPresent()) {
                return;
            }
            sleep(POLL);
        }
        throw new IllegalStateException("inference-service does not serve " + modelId + " after 3 minutes (see its "
                + "log, and GET /model on it)");
    }

    /**
     * Step 5: starts the replay of the split to {@code fmnist.images.input}.
     *
     * @param dataset the dataset
     * @return the replay, just started
     */
    public ReplayState replay(DatasetInfo dataset) {
        steps.begin(
                STEP_REPLAY,
                "Replay the " + settings.replaySplit() + " split of " + dataset.id() + " through fmnist.images.input");
        ReplayState replay = ingest.replay(dataset.id(), settings.replaySplit(), null, settings.replayLimit());
        steps.done("replay " + replay.id() + " started");
        return replay;
    }

    /**
     * Step 6: waits until the replay is done and the model's evaluation counts {@code expected} images.
     *
     * @param modelId  the model
     * @param replay   the replay started in step 5
     * @param expected images the evaluation must count
     * @return the model's evaluation
     */
    public Evaluation awaitEvaluation(String modelId, ReplayState replay, long expected) {
        steps.begin(
                STEP_EVALUATION,
                "Predict and evaluate: wait until evaluation-service counts " + Format.count(expected) + " images for "
                        + modelId);
        long deadline = System.nanoTime() + settings.evaluationTimeout().toNanos();
        long nextRest = 0;
        long lastShown = 0;
        ReplayState state = replay;
        Evaluation latest = null;
        try (TopicFollower<Evaluation> evaluations =
                TopicFollower.evaluations(bootstrapServers, TopicFollower.Start.END)) {
            while (System.nanoTime() < deadline) {
                for (Evaluation e : evaluations.poll(POLL, e -> modelId.equals(e.modelId()))) {
                    latest = newer(latest, e);
                }
                if (System.nanoTime() > nextRest) {
                    if (!state.finished()) {
                        state = ingest.replayState(replay.datasetId(), replay.id());
                        if (state.failed()) {
                            throw new IllegalStateException("replay " + replay.id() + " failed: " + state.error());
                        }
                    }
                    latest = newer(latest, evaluation.latest(modelId).orElse(null));
                    nextRest = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                long counted = latest == null ? 0 : latest.count();
                if (state.finished() && counted >= expected) {
                    lineDone(lastShown);
                    Evaluation result = evaluation
                            .latest(modelId)
                            .filter(e -> e.count() >= counted)
                            .orElse(latest);
                    steps.done("replayed " + Format.count(state.published()) + ", evaluated "
                            + Format.count(result.count()) + " images");
                    return result;
                }
                lastShown = show(state, counted, expected, lastShown);
            }
        }
        lineDone(lastShown);
        throw new IllegalStateException("the evaluation of " + modelId + " did not reach " + Format.count(expected)
                + " images within "
                + Format.duration(settings.evaluationTimeout().toSeconds()) + " (it counts "
                + (latest == null ? 0 : latest.count()) + "; replay " + state.status() + " "
                + Format.count(state.published()) + "/" + Format.count(state.total()) + ")");
    }

    private long show(ReplayState state, long counted, long expected, long lastShown) {
        String line = "replayed " + Format.count(state.published())
                + (state.total() >= 0 ? "/" + Format.count(state.total()) : "") + ", evaluated " + Format.count(counted)
                + "/" + Format.count(expected);
        if (terminal) {
            steps.out().print("\r" + Steps.INDENT + line + "\u001b[K");
            steps.out().flush();
            return 1;
        }
        long now = System.nanoTime();
        if (now - lastShown > Duration.ofSeconds(10).toNanos()) {
            steps.info(line);
            return now;
        }
        return lastShown;
    }

    private void lineDone(long lastShown) {
        if (terminal && lastShown != 0) {
            steps.out().print("\r\u001b[K");
            steps.out().flush();
        }
    }

    private long expectedCount(DatasetInfo dataset) {
        if (settings.expectedCount() > 0) {
            return settings.expectedCount();
        }
        long size = dataset.split(settings.replaySplit())
                .map(DatasetInfo.Split::count)
                .orElseThrow(() -> new IllegalStateException(
                        "dataset " + dataset.id() + " has no split " + settings.replaySplit()));
        return settings.replayLimit() == null ? size : Math.min(size, settings.replayLimit());
    }

    private static Evaluation newer(Evaluation current, Evaluation candidate) {
        if (candidate == null) {
            return current;
        }
        if (current == null || candidate.count() > current.count()) {
            return candidate;
        }
        return current;
    }

    /** @return {@code fashion-mnist-0123456789ab: train 60,000, test 10,000} */
    static String describe(DatasetInfo dataset) {
        StringBuilder text = new StringBuilder(dataset.id());
        if (dataset.splits() != null && !dataset.splits().isEmpty()) {
            text.append(": ");
            text.append(String.join(
                    ", ",
                    dataset.splits().stream()
                            .map(s -> s.split() + " " + Format.count(s.count()))
                            .toList()));
        }
        return text.toString();
    }

    /** @return {@code fmnist-mlp-v1-1a2b3c4d (mlp, PRODUCTION, test accuracy 88.12%, macro-F1 0.8801)} */
    static String describe(ModelInfo model) {
        StringBuilder text = new StringBuilder(model.modelId())
                .append(" (")
                .append(model.architecture())
                .append(", ")
                .append(model.status());
        if (model.test() != null) {
            text.append(", test accuracy ")
                    .append(Format.percent(model.test().accuracy()))
                    .append(", macro-F1 ")
                    .append(Format.ratio(model.test().macroF1()));
        }
        return text.append(")").toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
