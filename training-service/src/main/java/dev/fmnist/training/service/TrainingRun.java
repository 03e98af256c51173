package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrialRef;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.MetricsSummary;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.contracts.metrics.InputProfiler;
import dev.fmnist.kit.Outages;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.ModelProvenance;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.StratifiedKFold;
import dev.fmnist.ml.training.TrainingCancelledException;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingResult;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.search.Scores;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One job's run, from QUEUED to its end: reads the dataset's splits from Kafka, checks them against the dataset's
 * announcement ({@link Lineage}), trains, measures the model on the test split, registers it, and reports progress
 * all along ({@link ProgressReporter}); a failure or cancellation is recorded with its reason. A trained model is
 * never dropped because PostgreSQL is down at the end: registering it and recording the job's end are retried with
 * backoff until the database is back (the model file stays in memory meanwhile; registration is idempotent per job).
 */
@ApplicationScoped
public class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class);

    /** What the queue tells a run while it runs. */
    public interface Control {
        /** @return whether the job was asked to stop */
        boolean cancelled();

        /** @return whether the service stops (waits for the database end then) */
        boolean stopping();
    }

    private final JobStore jobs;
    private final DatasetStore datasets;
    private final ModelRegistry registry;
    private final SplitSource splits;
    private final TrainingEvents events;
    private final TrainingConfig config;
    private final MeterRegistry meters;
    private final Searches searches;

    public TrainingRun(
            JobStore jobs,
            DatasetStore datasets,
            ModelRegistry registry,
            SplitSource splits,
            TrainingEvents events,
            TrainingConfig config,
            MeterRegistry meters,
            Searches searches) {
        this.jobs = jobs;
        this.searches = searches;
        this.datasets = datasets;
        this.registry = registry;
        this.splits = splits;
        this.events = events;
        this.config = config;
        this.meters = meters;
    }

    /** Runs job {@code jobId}, unless it is no longer QUEUED (cancelled meanwhile, or unknown). */
    public void run(String jobId, Control control) {
        // a queued job waits for the database rather than staying QUEUED without a place in the queue
        Optional<JobView> record = untilStored("starting job " + jobId, control, () -> jobs.find(jobId));
        if (record.isEmpty() || !untilStored("starting job " + jobId, control, () -> jobs.markRunning(jobId))) {
            LOG.infof(
                    "job %s skipped: %s",
                    jobId, record.map(r -> r.status().name()).orElse("unknown"));
            return;
        }
        TrainingJob job = record.get().request();
        ProgressReporter progress = new ProgressReporter(events, jobs, jobId, job.epochs(), control::cancelled);
        try {
            progress.running("reading the dataset from Kafka");
            DatasetReady dataset = datasets.find(record.get().datasetId())
                    .orElseThrow(() ->
                            new IllegalStateException("dataset " + record.get().datasetId() + " is gone"));
            DatasetSplit trainSplit =
                    JobValidator.split(dataset, JobValidator.TRAIN_SPLIT).orElseThrow();
            Optional<DatasetSplit> testSplit = JobValidator.split(dataset, JobValidator.TEST_SPLIT);
            LoadedSplit train = splits.read(trainSplit.topic(), control::cancelled);
            LoadedSplit test =
                    testSplit.isPresent() ? splits.read(testSplit.get().topic(), control::cancelled) : null;
            if (train.data().size() == 0) {
                throw new IllegalStateException("topic " + train.topic() + " holds no labelled images");
            }
            String lineage = Lineage.problem(dataset, trainSplit, train, config.verifyDatasetHash());
            if (lineage == null && test != null) {
                lineage = Lineage.problem(dataset, testSplit.get(), test, config.verifyDatasetHash());
            }
            if (lineage != null) {
                throw new LineageException(lineage);
            }
            LOG.infof(
                    "job %s: %d training images from %s (%d records, %d duplicates, %d skipped)%s",
                    jobId,
                    train.data().size(),
                    train.topic(),
                    train.records(),
                    train.duplicates(),
                    train.skipped(),
                    test == null ? ", no test split" : ", " + test.data().size() + " test images");
            TrainingSpec spec = TrainingSpec.of(
                    job.architecture(),
                    job.epochs(),
                    job.batchSize(),
                    job.learningRate(),
                    job.seed(),
                    job.params(),
                    config.progressEveryBatches());
            if (job.trial() != null && job.trial().foldJob()) {
                runFold(job, spec, train.data(), control, progress);
                return;
            }
            progress.running("training on " + train.data().size() + " images");
            TrainingResult result = ModelTrainer.fit(spec, train.data(), progress);
            ConfusionMatrix testMatrix = test == null || test.data().size() == 0
                    ? null
                    : ModelEvaluator.evaluate(result.bundle(), test.data());
            ModelBundle bundle = result.bundle();
            ModelRegistry.Candidate candidate = new ModelRegistry.Candidate(
                    job.modelName() == null || job.modelName().isBlank() ? config.defaultModelName() : job.modelName(),
                    bundle.metadata().architecture(),
                    bundle.metadata().hyperParameters(),
                    dataset.datasetId(),
                    dataset.contentHash(),
                    testSplit.map(DatasetSplit::contentHash).orElse(null),
                    jobId,
                    MetricsSummary.of(result.validation()),
                    MetricsSummary.of(testMatrix),
                    bundle.metadata().parameterCount(),
                    result.trainingSeconds(),
                    bundle.metadata().framework(),
                    bundle.metadata().backend(),
                    bundle.withProvenance(new ModelProvenance(
                                    dataset.datasetId(),
                                    dataset.contentHash(),
                                    jobId,
                                    spec.seed(),
                                    ModelProvenance.Metrics.of(result.validation()),
                                    ModelProvenance.Metrics.of(testMatrix),
                                    java.time.Instant.now()))
                            .toBytes(),
                    reference(train.data()));
            TrainingData testData = testMatrix == null ? null : test.data();
            ModelVersion model = untilStored(
                    "registering the model of job " + jobId, control, () -> registry.register(candidate, testData));
            String message = "model " + model.modelId() + " registered as " + model.status()
                    + (testMatrix == null ? "" : String.format(", test accuracy %.4f", testMatrix.accuracy()));
            end(job, JobStatus.COMPLETED, message, model.modelId(), null, control, progress);
            LOG.infof("job %s completed: %s", jobId, message);
        } catch (TrainingCancelledException e) {
            end(job, JobStatus.CANCELLED, e.getMessage(), null, null, control, progress);
            LOG.infof("job %s cancelled: %s", jobId, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            String message = e instanceof LineageException
                    ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            end(job, JobStatus.FAILED, message, null, null, control, progress);
            if (e instanceof LineageException) {
                LOG.errorf("job %s failed: %s", jobId, message);
            } else {
                LOG.errorf(e, "job %s failed", jobId);
            }
        }
    }

    /**
     * A fold job of a search: trains on the training split without its fold ({@link StratifiedKFold} of the search's
     * seed), measures the search's metric on the held-out fold and records it with the job's end; no model is
     * registered.
     */
    private void runFold(
            TrainingJob job, TrainingSpec spec, TrainingData train, Control control, ProgressReporter progress) {
        TrialRef trial = job.trial();
        String metric =
                untilStored("reading search " + trial.searchId(), control, () -> searches.metric(trial.searchId()));
        StratifiedKFold folds = StratifiedKFold.of(train.labels(), trial.folds(), spec.seed());
        TrainingData fit = train.subset(folds.training(trial.fold()));
        TrainingData heldOut = train.subset(folds.heldOut(trial.fold()));
        String name =
                String.format(Locale.ROOT, "fold %d/%d of trial %d", trial.fold() + 1, trial.folds(), trial.trial());
        progress.running(name + ": training on " + fit.size() + " images, " + heldOut.size() + " held out");
        TrainingResult result = ModelTrainer.fit(spec, fit, progress);
        double score = Scores.metric(ModelEvaluator.evaluate(result.bundle(), heldOut), metric);
        String message = String.format(Locale.ROOT, "%s: %s %.4f", name, metric, score);
        end(job, JobStatus.COMPLETED, message, null, score, control, progress);
        LOG.infof("job %s completed: %s", job.jobId(), message);
    }

    /** Records the job's end (a fold or final job's also for its search, in the same transaction) and reports it. */
    private void end(
            TrainingJob job,
            JobStatus status,
            String message,
            String modelId,
            Double score,
            Control control,
            ProgressReporter progress) {
        String jobId = job.jobId();
        Searches.Next next =
                untilStored("recording job " + jobId + " as " + status.name().toLowerCase(Locale.ROOT), control, () -> {
                    if (job.trial() != null) {
                        return searches.jobEnded(job, status, message, modelId, score);
                    }
                    jobs.finish(jobId, status, message, modelId);
                    return null;
                });
        meters.counter("fmnist.training.jobs", "status", status.name()).increment();
        progress.finish(status, modelId, message);
        if (next != null) {
            try {
                searches.publish(next);
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "job %s: could not publish what its end decided for search %s",
                        jobId,
                        job.trial().searchId());
            }
        }
    }

    /**
     * Runs {@code action} until it succeeds, waiting with backoff while the database is down. Any other error, or
     * the service stopping, ends the attempts with that error.
     */
    private <T> T untilStored(String what, Control control, Supplier<T> action) {
        Backoff backoff = new Backoff(config.retry().initial(), config.retry().max());
        while (true) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (control.stopping() || !Outages.isOutage(e)) {
                    throw e;
                }
                Duration wait = backoff.failed();
                LOG.warnf(
                        "%s: the database is unavailable (attempt %d), retrying in %s: %s",
                        what, backoff.failures(), wait, e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(what + ": interrupted while the database was unavailable", e);
                }
            }
        }
    }

    /** @return the input profile of {@code data}: every image with its true label (a model's drift reference) */
    static InputProfile reference(TrainingData data) {
        InputProfiler profiler = new InputProfiler();
        for (int i = 0; i < data.size(); i++) {
            profiler.add(data.images().get(i), data.labels()[i]);
        }
        return profiler.profile();
    }

    /** The splits read are not the ones announced. */
    private static final class LineageException extends RuntimeException {
        LineageException(String message) {
            super(message);
        }
    }
}
