package dev.fmnist.training.service;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.search.SearchPlan;
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
    private final Searches searches;

    public JobService(
            JobStore jobs,
            DatasetStore datasets,
            JobQueue runner,
            TrainingEvents events,
            TrainingConfig config,
            ModelRegistry registry,
            Searches searches) {
        this.jobs = jobs;
        this.searches = searches;
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
        if (request.trial() != null) {
            throw new JobRefusedException(
                    "invalid-field: trial is set by a search on the jobs it publishes; it cannot be submitted", false);
        }
        TrainingJob job = request.withIdAndTime(
                request.jobId() == null || request.jobId().isBlank()
                        ? UUID.randomUUID().toString()
                        : request.jobId(),
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
        Optional<String> notToRun = Optional.empty();
        if (job.trial() != null) {
            try {
                notToRun = searches.refusal(job);
            } catch (NotFoundException e) {
                return refuse(key, "invalid-field: trial.searchId: " + e.getMessage(), raw);
            }
        }
        if (!jobs.insertQueued(job, config.instanceId(), checked.dataset().datasetId())) {
            Optional<JobView> known = jobs.find(job.jobId());
            if (known.map(JobView::request).filter(job::equals).isPresent()) {
                // the same record again: redelivered after a crash before its offset was committed
                LOG.infof("job %s was already accepted; its redelivered record is ignored", job.jobId());
                if (job.searchKind() && !known.get().finished()) {
                    // its fold jobs may not all have been published before the crash
                    searches.start(job, plan(job, known.get().datasetId()));
                }
                return null;
            }
            return refuse(key, "duplicate-job: job " + job.jobId() + " already exists", raw);
        }
        if (job.searchKind()) {
            // a search takes no worker: it publishes its fold jobs, which are queued like any job
            searches.start(job, plan(job, checked.dataset().datasetId()));
            return null;
        }
        if (notToRun.isPresent()) {
            String reason = "not run: " + notToRun.get();
            searches.publish(searches.jobEnded(job, JobStatus.CANCELLED, reason, null, null));
            events.progress(ProgressReporter.bare(job.jobId(), JobStatus.CANCELLED, job.epochs(), null, null, reason));
            return null;
        }
        // counted before the job goes in: the worker may take it at once
        int ahead = runner.queued() + (runner.current().isPresent() ? 1 : 0);
        if (!runner.enqueue(job.jobId())) {
            String reason = "queue-full: " + config.queueCapacity() + " jobs are already waiting";
            finish(job, JobStatus.FAILED, reason, null);
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
        if (before.request().searchKind()) {
            Searches.Next next = searches.cancel(jobId);
            next.stopping().forEach(runner::cancel);
            searches.publish(next);
            JobView after = jobs.find(jobId).orElse(before);
            if (after.finished()) {
                return after;
            }
            // not started yet (no search stored): cancelled like a queued job below
        }
        jobs.requestCancel(jobId, "cancelled before it started");
        runner.cancel(jobId);
        JobView after = jobs.find(jobId).orElse(before);
        if (after.status() == JobStatus.CANCELLED) {
            if (after.request().trial() != null) {
                // a fold cancelled alone fails its trial: its siblings are stopped too
                Searches.Next next =
                        searches.jobEnded(after.request(), JobStatus.CANCELLED, after.message(), null, null);
                next.stopping().forEach(runner::cancel);
                searches.publish(next);
            }
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
            if (running.request().searchKind()) {
                // a search has no worker: its fold jobs run (or are recovered) on their own instances; only what a
                // crash may have kept from Kafka is published again
                searches.resume(running.request(), plan(running.request(), running.datasetId()));
                continue;
            }
            Optional<ModelVersion> model = registry.findByJob(running.jobId());
            String reason = model.map(m ->
                            "model " + m.modelId() + " was registered; " + RESTARTED + " (before its end was recorded)")
                    .orElse(RESTARTED + " (instance " + config.instanceId() + ")");
            JobStatus status = model.isPresent() ? JobStatus.COMPLETED : JobStatus.FAILED;
            finish(
                    running.request(),
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
            if (waiting.request().searchKind()) {
                // stored, but stopped before it published its fold jobs
                searches.start(waiting.request(), plan(waiting.request(), waiting.datasetId()));
            } else if (runner.enqueue(waiting.jobId())) {
                queued++;
            } else {
                finish(waiting.request(), JobStatus.FAILED, "queue-full after restart", null);
            }
        }
        Recovery recovery = new Recovery(failed, completed, queued);
        if (failed + completed + queued > 0) {
            LOG.infof("recovered after restart: %s", recovery);
        }
        return recovery;
    }

    /**
     * @return the search's plan, its fold jobs naming the dataset id the search resolved to, so that every fold and
     *     the final job read the same dataset even if a newer one is announced meanwhile
     */
    private static SearchPlan plan(TrainingJob search, String datasetId) {
        return SearchPlan.of(new TrainingJob(
                search.jobId(),
                datasetId == null ? search.dataset() : datasetId,
                search.architecture(),
                search.epochs(),
                search.batchSize(),
                search.learningRate(),
                search.seed(),
                search.modelName(),
                search.params(),
                search.submittedAt(),
                search.kind(),
                search.search(),
                search.trial()));
    }

    /** Records a job's end; a fold or final job's end also counts for its search. */
    private void finish(TrainingJob job, JobStatus status, String message, String modelId) {
        if (job.trial() != null) {
            searches.publish(searches.jobEnded(job, status, message, modelId, null));
        } else {
            jobs.finish(job.jobId(), status, message, modelId);
        }
    }

    /**
     * @param failed    RUNNING jobs recorded as FAILED
     * @param completed RUNNING jobs whose model had been registered, recorded as COMPLETED
     * @param requeued  QUEUED jobs queued again
     */
    public record Recovery(int failed, int completed, int requeued) {}
}
