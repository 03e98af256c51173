package dev.fmnist.training.service;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts, refuses, lists and cancels jobs. HTTP submissions are checked and then published to
 * {@code fmnist.training.jobs}; every job enters the queue through {@link #accept} from that topic, so both ways
 * share one path.
 */
@ApplicationScoped
public class JobService {

    /** Stamped on rejections. */
    public static final String SERVICE = "training-service";
    /** Reason of a job found RUNNING at start: the process that ran it is gone. */
    public static final String RESTARTED = "training-service restarted while the job ran";

    private static final Logger LOG = Logger.getLogger(JobService.class);

    private final JobStore jobs;
    private final JobQueue runner;
    private final TrainingEvents events;
    private final TrainingConfig config;
    private final JobValidator validator;
    private final ModelRegistry registry;

    public JobService(
            JobStore jobs,
            DatasetStore datasets,
            JobQueue runner,
            TrainingEvents events,
            TrainingConfig config,
            ModelRegistry registry) {
        this.jobs = jobs;
        this.registry = registry;
        this.runner = runner;
        this.events = events;
        this.config = config;
        this.validator = new JobValidator(datasets::find);
    }

    /**
     * Checks an HTTP submission and publishes it to the jobs topic. Fills in a job id and submission time when absent.
     *
     * @return the job as published
     * @throws JobRefusedException when it is invalid (or absent) or its id is taken
     */
    public TrainingJob submit(TrainingJob request) {
        if (request == null) {
            throw new JobRefusedException("invalid-field: the body must be a TrainingJob JSON object", false);
        }
        TrainingJob job = new TrainingJob(
                request.jobId() == null || request.jobId().isBlank()
                        ? UUID.randomUUID().toString()
                        : request.jobId(),
                request.dataset(),
                request.architecture(),
                request.epochs(),
                request.batchSize(),
                request.learningRate(),
                request.seed(),
                request.modelName(),
                request.params(),
                request.submittedAt() == null ? Instant.now() : request.submittedAt());
        JobValidator.Checked checked = validator.check(job);
        if (!checked.valid()) {
            throw new JobRefusedException(checked.problem(), false);
        }
        if (jobs.find(job.jobId()).isPresent()) {
            throw new JobRefusedException("duplicate-job: job " + job.jobId() + " already exists", true);
        }
        events.submit(job);
        return job;
    }

    /**
     * Queues a job read from the jobs topic, or publishes why it cannot run.
     *
     * @param key  the record key
     * @param job  the decoded job
     * @param raw  the record value, for the rejection payload
     * @return the rejection published, or null when queued
     */
    public Rejection accept(String key, TrainingJob job, byte[] raw) {
        JobValidator.Checked checked = validator.check(job);
        if (!checked.valid()) {
            return refuse(key, checked.problem(), raw);
        }
        if (!jobs.insertQueued(job, config.instanceId(), checked.dataset().datasetId())) {
            if (jobs.find(job.jobId()).map(JobView::request).filter(job::equals).isPresent()) {
                // the same record again: redelivered after a crash before its offset was committed
                LOG.infof("job %s was already accepted; its redelivered record is ignored", job.jobId());
                return null;
            }
            return refuse(key, "duplicate-job: job " + job.jobId() + " already exists", raw);
        }
        // counted before the job goes in: the worker may take it at once
        int ahead = runner.queued() + (runner.current().isPresent() ? 1 : 0);
        if (!runner.enqueue(job.jobId())) {
            String reason = "queue-full: " + config.queueCapacity() + " jobs are already waiting";
            jobs.finish(job.jobId(), JobStatus.FAILED, reason, null);
            return refuse(key, reason, raw);
        }
        events.progress(ProgressReporter.bare(
                job.jobId(),
                JobStatus.QUEUED,
                job.epochs(),
                null,
                null,
                "queued on " + config.instanceId() + " behind " + ahead + " job(s)"));
        LOG.infof(
                "job %s queued: %s on %s, %d epoch(s)",
                job.jobId(), job.architecture(), checked.dataset().datasetId(), job.epochs());
        return null;
    }

    /** Publishes a rejection of a jobs-topic record. */
    public Rejection refuse(String key, String reason, byte[] raw) {
        Rejection rejection = Rejection.of(Topics.TRAINING_JOBS, key, reason, raw, SERVICE);
        events.rejected(rejection);
        LOG.infof("job record %s refused: %s", key, reason);
        return rejection;
    }

    /**
     * Cancels a job: a queued one at once, a running one at its next batch (on whichever instance runs it).
     *
     * @return the job after the request
     * @throws NotFoundException when there is no such job
     * @throws ConflictException when it already ended
     */
    public JobView cancel(String jobId) {
        JobView before = find(jobId);
        if (before.finished()) {
            throw new ConflictException("job " + jobId + " already ended as " + before.status());
        }
        jobs.requestCancel(jobId, "cancelled before it started");
        runner.cancel(jobId);
        JobView after = jobs.find(jobId).orElse(before);
        if (after.status() == JobStatus.CANCELLED) {
            events.progress(ProgressReporter.bare(
                    jobId, JobStatus.CANCELLED, after.request().epochs(), null, null, after.message()));
        }
        return after;
    }

    /** @throws NotFoundException when there is no such job */
    public JobView find(String jobId) {
        return jobs.find(jobId).orElseThrow(() -> NotFoundException.job(jobId));
    }

    /** @return the newest jobs first, at most {@code limit} */
    public List<JobView> list(int limit) {
        return jobs.list(limit);
    }

    /**
     * At start, before the worker runs: a job of this instance found RUNNING can only be the previous process's
     * (killed, or stopped mid-job), so it ends as FAILED with {@link #RESTARTED} as its reason, or as COMPLETED
     * when its model had been registered before the process died; this instance's QUEUED jobs are queued again, in
     * submission order.
     *
     * @return what was found
     */
    public Recovery recover() {
        int failed = 0;
        int completed = 0;
        for (JobView running : jobs.owned(config.instanceId(), JobStatus.RUNNING)) {
            Optional<ModelVersion> model = registry.findByJob(running.jobId());
            String reason = model.map(m ->
                            "model " + m.modelId() + " was registered; " + RESTARTED + " (before its end was recorded)")
                    .orElse(RESTARTED + " (instance " + config.instanceId() + ")");
            JobStatus status = model.isPresent() ? JobStatus.COMPLETED : JobStatus.FAILED;
            jobs.finish(
                    running.jobId(),
                    status,
                    reason,
                    model.map(ModelVersion::modelId).orElse(null));
            events.progress(ProgressReporter.bare(
                    running.jobId(),
                    status,
                    running.request().epochs(),
                    null,
                    model.map(ModelVersion::modelId).orElse(null),
                    reason));
            LOG.warnf("job %s was RUNNING when the service stopped: now %s (%s)", running.jobId(), status, reason);
            if (model.isPresent()) {
                completed++;
            } else {
                failed++;
            }
        }
        int queued = 0;
        for (JobView waiting : jobs.owned(config.instanceId(), JobStatus.QUEUED)) {
            if (runner.enqueue(waiting.jobId())) {
                queued++;
            } else {
                jobs.finish(waiting.jobId(), JobStatus.FAILED, "queue-full after restart", null);
            }
        }
        Recovery recovery = new Recovery(failed, completed, queued);
        if (failed + completed + queued > 0) {
            LOG.infof("recovered after restart: %s", recovery);
        }
        return recovery;
    }

    /**
     * @param failed    RUNNING jobs recorded as FAILED
     * @param completed RUNNING jobs whose model had been registered, recorded as COMPLETED
     * @param requeued  QUEUED jobs queued again
     */
    public record Recovery(int failed, int completed, int requeued) {}
}
