package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.kit.Outages;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingCancelledException;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingResult;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.ml.training.TrainingUpdate;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.persistence.DatasetRepository;
import dev.fmnist.training.persistence.JobRecord;
import dev.fmnist.training.persistence.JobRepository;
import dev.fmnist.training.registry.MetricsSummary;
import dev.fmnist.training.registry.ModelRegistry;
import dev.fmnist.training.registry.ModelVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This instance's job queue and its single worker thread: jobs run one at a time, in arrival order. A run reads
 * the dataset from Kafka, trains, measures the model on the test split, registers it, and reports progress all
 * along; a failure or cancellation is recorded with its reason. Before training, the splits read are checked
 * against the dataset's announcement ({@link Lineage}). A trained model is never dropped because PostgreSQL is down
 * at the end: registering it and recording the job's end are retried with backoff until the database is back (the
 * model file stays in memory meanwhile; registration is idempotent per job).
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final long CANCEL_POLL_NANOS = 1_000_000_000L;

    private final JobRepository jobs;
    private final DatasetRepository datasets;
    private final ModelRegistry registry;
    private final TrainingEvents events;
    private final TrainingConfig config;
    private final DatasetReader reader;
    private final BlockingQueue<String> queue;
    private volatile String current;
    private volatile boolean cancelCurrent;
    private volatile Thread worker;
    private volatile boolean stopping;
    private final MeterRegistry meters;

    public JobRunner(
            JobRepository jobs,
            DatasetRepository datasets,
            ModelRegistry registry,
            TrainingEvents events,
            TrainingConfig config,
            MeterRegistry meters,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.registry = registry;
        this.events = events;
        this.config = config;
        this.reader = new DatasetReader(kafkaConfig, config.datasetReadTimeout());
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.meters = meters;
        meters.gauge("fmnist.training.queue.size", queue, BlockingQueue::size);
    }

    /** Starts the worker thread (idempotent). */
    public synchronized void start() {
        if (worker == null) {
            worker = new Thread(this::work, "training-worker");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** Stops the worker thread; a running job is cancelled. */
    public synchronized void stop() {
        if (worker != null) {
            stopping = true;
            cancelCurrent = true;
            worker.interrupt();
            worker = null;
        }
    }

    /** @return false when the queue is full */
    public boolean enqueue(String jobId) {
        return queue.offer(jobId);
    }

    /** @return jobs waiting */
    public int queued() {
        return queue.size();
    }

    /** @return the job running now, if any */
    public Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** Asks the running job to stop, if it is {@code jobId}. */
    public void cancel(String jobId) {
        if (jobId.equals(current)) {
            cancelCurrent = true;
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            String jobId;
            try {
                jobId = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (jobId == null) {
                continue;
            }
            try {
                run(jobId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s could not be recorded", jobId);
            }
        }
    }

    void run(String jobId) {
        // a queued job waits for the database rather than staying QUEUED without a place in the queue
        Optional<JobRecord> record = untilStored("starting job " + jobId, () -> jobs.find(jobId));
        if (record.isEmpty() || !untilStored("starting job " + jobId, () -> jobs.markRunning(jobId))) {
            LOG.infof(
                    "job %s skipped: %s",
                    jobId, record.map(r -> r.status().name()).orElse("unknown"));
            return;
        }
        current = jobId;
        cancelCurrent = false;
        TrainingJob job = record.get().request();
        long started = System.nanoTime();
        Progress progress = new Progress(jobId, job.epochs(), started);
        try {
            progress.emit(JobStatus.RUNNING, null, null, "reading the dataset from Kafka");
            DatasetReady dataset = datasets.find(record.get().datasetId())
                    .orElseThrow(() ->
                            new IllegalStateException("dataset " + record.get().datasetId() + " is gone"));
            DatasetSplit trainSplit =
                    JobValidator.split(dataset, JobValidator.TRAIN_SPLIT).orElseThrow();
            Optional<DatasetSplit> testSplit = JobValidator.split(dataset, JobValidator.TEST_SPLIT);
            DatasetReader.LoadedSplit train = reader.read(trainSplit.topic(), this::cancelled);
            DatasetReader.LoadedSplit test =
                    testSplit.isPresent() ? reader.read(testSplit.get().topic(), this::cancelled) : null;
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
            progress.emit(
                    JobStatus.RUNNING, null, null, "training on " + train.data().size() + " images");
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
                    bundle.toBytes());
            TrainingData testData = testMatrix == null ? null : test.data();
            ModelVersion model =
                    untilStored("registering the model of job " + jobId, () -> registry.register(candidate, testData));
            String message = "model " + model.modelId() + " registered as " + model.status()
                    + (testMatrix == null ? "" : String.format(", test accuracy %.4f", testMatrix.accuracy()));
            untilRecorded(
                    "recording job " + jobId + " as completed",
                    () -> jobs.finish(jobId, JobStatus.COMPLETED, message, model.modelId()));
            count(JobStatus.COMPLETED);
            progress.finish(JobStatus.COMPLETED, model.modelId(), message);
            LOG.infof("job %s completed: %s", jobId, message);
        } catch (TrainingCancelledException e) {
            untilRecorded(
                    "recording job " + jobId + " as cancelled",
                    () -> jobs.finish(jobId, JobStatus.CANCELLED, e.getMessage(), null));
            count(JobStatus.CANCELLED);
            progress.finish(JobStatus.CANCELLED, null, e.getMessage());
            LOG.infof("job %s cancelled: %s", jobId, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            String message = e instanceof LineageException
                    ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            untilRecorded(
                    "recording job " + jobId + " as failed", () -> jobs.finish(jobId, JobStatus.FAILED, message, null));
            count(JobStatus.FAILED);
            progress.finish(JobStatus.FAILED, null, message);
            if (e instanceof LineageException) {
                LOG.errorf("job %s failed: %s", jobId, message);
            } else {
                LOG.errorf(e, "job %s failed", jobId);
            }
        } finally {
            current = null;
        }
    }

    /**
     * Runs {@code action} until it succeeds, waiting with backoff while the database is down. Any other error, or
     * the runner stopping, ends the attempts with that error.
     */
    private <T> T untilStored(String what, Supplier<T> action) {
        Backoff backoff = new Backoff(config.retry().initial(), config.retry().max());
        while (true) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (stopping || !Outages.isOutage(e)) {
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

    private void untilRecorded(String what, Runnable action) {
        untilStored(what, () -> {
            action.run();
            return null;
        });
    }

    /** The splits read are not the ones announced. */
    private static final class LineageException extends RuntimeException {
        LineageException(String message) {
            super(message);
        }
    }

    private void count(JobStatus outcome) {
        meters.counter("fmnist.training.jobs", "status", outcome.name()).increment();
    }

    private long lastCancelPoll;

    private boolean cancelled() {
        if (cancelCurrent) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastCancelPoll > CANCEL_POLL_NANOS && current != null) {
            lastCancelPoll = now;
            cancelCurrent = jobs.cancelRequested(current);
        }
        return cancelCurrent;
    }

    /** Turns trainer updates into progress events (and the job row's last progress). */
    private final class Progress implements TrainingListener {
        private final String jobId;
        private final int totalEpochs;
        private final long started;
        private TrainingUpdate last;

        Progress(String jobId, int totalEpochs, long started) {
            this.jobId = jobId;
            this.totalEpochs = totalEpochs;
            this.started = started;
        }

        @Override
        public void onBatch(TrainingUpdate update) {
            last = update;
            publish(of(JobStatus.RUNNING, update, null, null));
        }

        @Override
        public void onEpoch(TrainingUpdate update) {
            last = update;
            publish(of(JobStatus.RUNNING, update, null, null));
        }

        @Override
        public boolean isCancelled() {
            return cancelled();
        }

        void emit(JobStatus status, String modelId, TrainingUpdate update, String message) {
            publish(of(status, update, modelId, message));
        }

        void finish(JobStatus status, String modelId, String message) {
            TrainingUpdate end = last == null
                    ? null
                    : new TrainingUpdate(
                            last.epoch(),
                            last.totalEpochs(),
                            null,
                            last.batchesPerEpoch(),
                            last.loss(),
                            last.trainAccuracy(),
                            last.validationAccuracy(),
                            last.imagesPerSecond(),
                            last.elapsedSeconds(),
                            0);
            publish(of(status, end, modelId, message));
        }

        private TrainingProgress of(JobStatus status, TrainingUpdate u, String modelId, String message) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            if (u == null) {
                return new TrainingProgress(
                        jobId,
                        status,
                        0,
                        totalEpochs,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        elapsed,
                        null,
                        modelId,
                        message,
                        Instant.now());
            }
            return new TrainingProgress(
                    jobId,
                    status,
                    u.epoch(),
                    u.totalEpochs(),
                    u.batch(),
                    u.batchesPerEpoch(),
                    u.loss(),
                    u.trainAccuracy(),
                    u.validationAccuracy(),
                    u.imagesPerSecond(),
                    elapsed,
                    u.etaSeconds(),
                    modelId,
                    message,
                    Instant.now());
        }

        private void publish(TrainingProgress progress) {
            try {
                events.progress(progress);
                jobs.progress(progress);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not report progress of job %s", jobId);
            }
        }
    }
}
