package dev.fmnist.training.service;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.TrialRef;
import dev.fmnist.contracts.TrialScore;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.SearchView;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.search.Scores;
import dev.fmnist.training.search.SearchPlan;
import dev.fmnist.training.search.SearchRules;
import dev.fmnist.training.search.SearchState;
import dev.fmnist.training.search.SearchState.TrialState;
import dev.fmnist.training.search.SearchStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs hyper-parameter searches over the jobs topic. A search job is stored RUNNING by the instance that consumed it
 * (it takes no worker) and publishes one fold job per (trial, fold) to {@code fmnist.training.jobs}; the fold jobs
 * spread over the instances like any job. Whichever instance ends a fold records its score and, in the same
 * transaction (the search's row locked), ends the trial when it was its last fold and, when every trial ended,
 * chooses the best one and names the final job, exactly once. What that decided is published after the commit
 * ({@link #publish}): the trial's progress event, the final job. The final job's end ends the search.
 */
@ApplicationScoped
public class Searches {

    private static final Logger LOG = Logger.getLogger(Searches.class);

    private final SearchStore store;
    private final JobStore jobs;
    private final TrainingEvents events;
    private final TrainingConfig config;

    public Searches(SearchStore store, JobStore jobs, TrainingEvents events, TrainingConfig config) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.config = config;
    }

    /**
     * What a transaction decided, to publish once it committed.
     *
     * @param progress progress events (of the search's job)
     * @param jobs     jobs to publish to {@code fmnist.training.jobs} (the final job)
     * @param stopping jobs asked to stop, for this instance's queue
     */
    public record Next(List<TrainingProgress> progress, List<TrainingJob> jobs, List<String> stopping) {

        static final Next NONE = new Next(List.of(), List.of(), List.of());
    }

    /**
     * Stores a search (its job row stored QUEUED) and its trials and folds, marks its job RUNNING and publishes its
     * fold jobs. Safe to repeat: the store keeps the first plan, and a fold job published again is the same record,
     * which the consumer ignores.
     */
    public void start(TrainingJob search, SearchPlan plan) {
        store.create(plan, search.dataset());
        jobs.markRunning(search.jobId());
        if (jobs.find(search.jobId()).map(JobView::status).orElse(null) != JobStatus.RUNNING
                || !store.state(search.jobId()).map(SearchState::running).orElse(false)) {
            return;
        }
        List<TrainingJob> folds = plan.foldJobs();
        for (TrainingJob fold : folds) {
            events.submit(fold);
        }
        String message = String.format(
                "search: %d trial(s) × %d folds, %d fold jobs published by %s",
                plan.trials().size(), plan.folds(), folds.size(), config.instanceId());
        publishProgress(ProgressReporter.bare(search.jobId(), JobStatus.RUNNING, search.epochs(), null, null, message));
        LOG.infof("search %s started: %s", search.jobId(), message);
    }

    /**
     * At start, for a RUNNING search this instance owns: publishes again what a crash may have lost before it reached
     * Kafka, i.e. the fold jobs that are neither stored as jobs nor ended, and the final job once chosen but not
     * stored. A copy of a job the consumer already has is ignored.
     *
     * @return the jobs published again
     */
    public int resume(TrainingJob search, SearchPlan plan) {
        Optional<SearchState> state = store.state(search.jobId());
        if (state.isEmpty() || !state.get().running()) {
            return 0;
        }
        int published = 0;
        List<String> open = SearchRules.openFolds(state.get());
        for (TrainingJob fold : plan.foldJobs()) {
            if (open.contains(fold.jobId()) && jobs.find(fold.jobId()).isEmpty()) {
                events.submit(fold);
                published++;
            }
        }
        String finalJobId = state.get().finalJobId();
        if (finalJobId != null && jobs.find(finalJobId).isEmpty()) {
            TrialState best = state.get().trial(state.get().bestTrial()).orElseThrow();
            events.submit(SearchPlan.finalJob(search.jobId(), best.trial(), best.job()));
            published++;
        }
        if (published > 0) {
            LOG.infof("search %s: %d job(s) published again after the restart", search.jobId(), published);
        }
        return published;
    }

    /**
     * @param job a fold or final job (its {@code trial} set)
     * @return why it must not run (its search ended, its trial failed), empty when it may
     * @throws NotFoundException when its search is unknown
     */
    public Optional<String> refusal(TrainingJob job) {
        TrialRef ref = job.trial();
        SearchState search =
                store.state(ref.searchId()).orElseThrow(() -> new NotFoundException("no search " + ref.searchId()));
        if (!search.running()) {
            return Optional.of("search " + search.searchId() + " ended as " + search.status());
        }
        if (ref.foldJob()) {
            Optional<TrialState> trial = search.trial(ref.trial());
            if (trial.isEmpty()) {
                return Optional.of("search " + search.searchId() + " has no trial " + ref.trial());
            }
            if (trial.get().folds().stream().anyMatch(f -> f.status() != null && f.status() != JobStatus.COMPLETED)) {
                return Optional.of("trial " + ref.trial() + " of search " + search.searchId() + " failed");
            }
        }
        return Optional.empty();
    }

    /** @return the metric fold jobs of the search measure */
    public String metric(String searchId) {
        return store.state(searchId)
                .map(SearchState::metric)
                .orElseThrow(() -> new NotFoundException("no search " + searchId));
    }

    /**
     * Records how a fold or final job ended (its job row and, for a fold, its score) and what follows from it, in one
     * transaction.
     *
     * @param score the metric on the held-out fold, for a completed fold job
     */
    @Transactional
    public Next jobEnded(TrainingJob job, JobStatus status, String message, String modelId, Double score) {
        TrialRef ref = job.trial();
        // the search's row first, then job rows, in every transaction of a search: no deadlock with a cancel
        Optional<SearchState> search = store.lock(ref.searchId());
        jobs.finish(job.jobId(), status, message, modelId);
        if (search.isEmpty()) {
            return Next.NONE;
        }
        return ref.foldJob()
                ? foldEnded(search.get(), job, status, score, message)
                : finalEnded(search.get(), status, modelId, message);
    }

    /**
     * Cancels a search and every fold or final job of it not yet ended (queued ones at once, running ones at their
     * next batch, on whichever instance runs them).
     */
    @Transactional
    public Next cancel(String searchId) {
        Optional<SearchState> locked = store.lock(searchId);
        if (locked.isEmpty() || !locked.get().running()) {
            return Next.NONE;
        }
        SearchState search = locked.get();
        String reason = "search " + searchId + " was cancelled";
        List<String> stopping = new ArrayList<>();
        for (String open : SearchRules.openFolds(search)) {
            stop(open, reason, stopping);
        }
        if (search.finalJobId() != null) {
            jobs.requestCancel(search.finalJobId(), reason);
            stopping.add(search.finalJobId());
        }
        String message = "cancelled; " + stopping.size() + " unfinished job(s) of it stopped";
        store.end(searchId, JobStatus.CANCELLED, null, message);
        jobs.finish(searchId, JobStatus.CANCELLED, message, null);
        return new Next(List.of(bare(searchId, JobStatus.CANCELLED, null, message)), List.of(), stopping);
    }

    /** Publishes what a transaction decided. */
    public void publish(Next next) {
        for (TrainingJob job : next.jobs()) {
            events.submit(job);
        }
        next.progress().forEach(this::publishProgress);
    }

    /** @throws NotFoundException when there is no such search */
    public SearchView find(String searchId) {
        return store.find(searchId).orElseThrow(() -> new NotFoundException("no search " + searchId));
    }

    /** @return the newest searches first */
    public List<SearchView> list(int limit) {
        return store.list(limit);
    }

    private Next foldEnded(SearchState before, TrainingJob job, JobStatus status, Double score, String message) {
        TrialRef ref = job.trial();
        if (!store.recordFold(job.jobId(), status, score, config.instanceId(), message)) {
            return Next.NONE;
        }
        if (!before.running()) {
            return Next.NONE;
        }
        List<String> stopping = new ArrayList<>();
        if (status != JobStatus.COMPLETED) {
            String reason = "trial " + ref.trial() + " of search " + before.searchId() + " failed: fold job "
                    + job.jobId() + " ended as " + status;
            current(before.searchId())
                    .trial(ref.trial())
                    .ifPresent(t -> SearchRules.openFolds(t).forEach(open -> stop(open, reason, stopping)));
        }
        List<TrainingProgress> progress = new ArrayList<>();
        SearchState search = current(before.searchId());
        TrialState trial = search.trial(ref.trial()).orElseThrow();
        Optional<SearchRules.TrialEnd> end = SearchRules.trialEnd(trial);
        if (end.isPresent()) {
            SearchRules.TrialEnd e = end.get();
            store.endTrial(search.searchId(), e.trial(), e.status(), e.mean(), e.sd());
            progress.add(trialProgress(search, trial, e, status == JobStatus.COMPLETED ? null : message));
            search = current(search.searchId());
        }
        List<TrainingJob> publish = new ArrayList<>();
        if (SearchRules.allEnded(search) && search.finalJobId() == null) {
            Optional<Scores.Summary> best = SearchRules.best(search);
            if (best.isEmpty()) {
                String failed = "every configuration failed (" + search.trials().size() + " trial(s))";
                store.end(search.searchId(), JobStatus.FAILED, null, failed);
                jobs.finish(search.searchId(), JobStatus.FAILED, failed, null);
                progress.add(bare(search.searchId(), JobStatus.FAILED, null, failed));
            } else {
                Scores.Summary chosen = best.get();
                TrialState winner = search.trial(chosen.trial()).orElseThrow();
                TrainingJob finalJob = SearchPlan.finalJob(search.searchId(), chosen.trial(), winner.job());
                store.decide(search.searchId(), chosen.trial(), finalJob.jobId());
                publish.add(finalJob);
                progress.add(bare(
                        search.searchId(),
                        JobStatus.RUNNING,
                        null,
                        "best: trial " + chosen.trial() + " " + winner.config() + ", " + search.metric() + " "
                                + Scores.format(chosen.mean(), chosen.sd()) + "; final job " + finalJob.jobId()
                                + " retrains it on the full training split"));
            }
        }
        return new Next(progress, publish, stopping);
    }

    private Next finalEnded(SearchState search, JobStatus status, String modelId, String message) {
        if (!search.running()) {
            return Next.NONE;
        }
        String text = status == JobStatus.COMPLETED
                ? "final job " + search.finalJobId() + " completed: " + message
                : "final job " + search.finalJobId() + " ended as " + status + ": " + message;
        store.end(search.searchId(), status, modelId, text);
        jobs.finish(search.searchId(), status, text, modelId);
        return new Next(List.of(bare(search.searchId(), status, modelId, text)), List.of(), List.of());
    }

    /** Asks an open fold job to stop; one still QUEUED is CANCELLED at once and recorded so. */
    private void stop(String jobId, String reason, List<String> stopping) {
        jobs.requestCancel(jobId, reason);
        stopping.add(jobId);
        Optional<JobView> job = jobs.find(jobId);
        if (job.isPresent() && job.get().status() == JobStatus.CANCELLED) {
            store.recordFold(jobId, JobStatus.CANCELLED, null, job.get().owner(), reason);
        }
    }

    private SearchState current(String searchId) {
        return store.state(searchId).orElseThrow();
    }

    private TrainingProgress trialProgress(
            SearchState search, TrialState trial, SearchRules.TrialEnd end, String failure) {
        String message = end.status() == JobStatus.COMPLETED
                ? String.format(
                        "trial %d/%d: %s %s",
                        end.trial(), search.trials().size(), search.metric(), Scores.format(end.mean(), end.sd()))
                : String.format(
                        "trial %d/%d: failed (%s)",
                        end.trial(), search.trials().size(), failure == null ? "a fold did not complete" : failure);
        TrainingProgress bare = bare(search.searchId(), JobStatus.RUNNING, null, message);
        return new TrainingProgress(
                bare.jobId(),
                bare.status(),
                bare.epoch(),
                bare.totalEpochs(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                message,
                bare.timestamp(),
                new TrialScore(end.trial(), trial.config(), end.scores(), end.mean(), end.sd(), search.metric()));
    }

    private TrainingProgress bare(String searchId, JobStatus status, String modelId, String message) {
        int epochs = jobs.find(searchId).map(j -> j.request().epochs()).orElse(0);
        return new TrainingProgress(
                searchId,
                status,
                0,
                epochs,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                modelId,
                message,
                Instant.now());
    }

    private void publishProgress(TrainingProgress progress) {
        try {
            events.progress(progress);
            jobs.progress(progress);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not report progress of search %s", progress.jobId());
        }
    }
}
