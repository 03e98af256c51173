package dev.fmnist.training.service;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingUpdate;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Turns one run's trainer updates into progress events on {@code fmnist.training.progress} and the job's last
 * progress. A report that cannot be published or stored is logged and skipped: progress never fails a job.
 */
public final class ProgressReporter implements TrainingListener {

    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);

    private final TrainingEvents events;
    private final JobStore jobs;
    private final String jobId;
    private final int totalEpochs;
    private final BooleanSupplier cancelled;
    private final long started = System.nanoTime();
    private TrainingUpdate last;

    /**
     * @param events      where progress is published
     * @param jobs        where the job's last progress is kept
     * @param jobId       the job
     * @param totalEpochs its epochs
     * @param cancelled   whether the job was asked to stop (the trainer polls it)
     */
    public ProgressReporter(
            TrainingEvents events, JobStore jobs, String jobId, int totalEpochs, BooleanSupplier cancelled) {
        this.events = events;
        this.jobs = jobs;
        this.jobId = jobId;
        this.totalEpochs = totalEpochs;
        this.cancelled = cancelled;
    }

    /**
     * A progress event without training figures (queued, cancelled before it started, ended by a restart).
     *
     * @param elapsed seconds since the job started, null when it did not
     * @param modelId the registered model, or null
     */
    public static TrainingProgress bare(
            String jobId, JobStatus status, int epochs, Double elapsed, String modelId, String message) {
        return new TrainingProgress(
                jobId,
                status,
                0,
                epochs,
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
        return cancelled.getAsBoolean();
    }

    /** Reports what the running job does now, e.g. {@code reading the dataset from Kafka}. */
    public void running(String message) {
        publish(of(JobStatus.RUNNING, null, null, message));
    }

    /** Reports the job's end, with the figures of its last update (no ETA). */
    public void finish(JobStatus status, String modelId, String message) {
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
            return bare(jobId, status, totalEpochs, elapsed, modelId, message);
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
