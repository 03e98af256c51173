package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

import java.time.Instant;

/**
 * One model's live state: its cumulative confusion matrix (the contract's top-level figures), the sliding window of
 * its last W predictions ({@code Evaluation.recent}), and what has not been published yet. With several replicas
 * counting into one store it also knows which durable count it reflects ({@link #position}: the model's state after
 * exactly that many counted images, in the store's order), so that what this replica counts and what it reads back
 * from the store never count twice. Not thread-safe; the {@link EvaluationBook} guards it.
 */
public final class ModelEvaluation {

    /** {@link #position}: the state was never tied to a durable count (a store that gives none). */
    static final long UNTRACKED = -1;
    /** {@link #position}: the state misses predictions another replica counted; it is read again before publishing. */
    static final long STALE = -2;

    private final String modelId;
    private int modelVersion;
    private final int windowSize;
    private ConfusionMatrix cumulative;
    private RecentWindow recent;
    private long position = UNTRACKED;
    private long snapshotId;
    private Instant firstAt;
    private Instant lastAt;
    private long unpublished;
    private Instant firstUnpublished;
    private Instant lastChange;
    private Evaluation lastPublished;

    /**
     * @param modelId    model version
     * @param windowSize W
     */
    public ModelEvaluation(String modelId, int modelVersion, int windowSize) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.windowSize = windowSize;
        this.cumulative = new ConfusionMatrix();
        this.recent = new RecentWindow(windowSize);
    }

    /**
     * Rebuilds the state of a model from its durable state. Counts that no stored snapshot reflects yet are
     * unpublished, so they are emitted soon after start.
     */
    static ModelEvaluation restore(ModelState state, int windowSize, Instant now) {
        ModelEvaluation model = new ModelEvaluation(state.modelId(), state.modelVersion(), windowSize);
        model.takeCounts(state);
        model.lastPublished = state.lastPublished();
        model.snapshotId = state.snapshotId();
        long published =
                state.lastPublished() == null ? 0 : state.lastPublished().count();
        long behind = model.cumulative.total() - published;
        if (behind != 0) {
            model.unpublished = Math.abs(behind);
            model.firstUnpublished = now;
            model.lastChange = now;
        }
        return model;
    }

    /**
     * Brings the state up to what the store holds: the counts (cumulative, span and window) when the store is ahead of
     * this state or this state is stale, and with {@code withSnapshot} the last published snapshot when the store has
     * a newer one. Whatever the store counted that no published snapshot reflects stays unpublished, dated from the
     * oldest change not yet published, so the emission policy's delay still runs from there.
     *
     * @return the published snapshot taken over from the store, when it is newer than the one held; else null
     */
    Evaluation install(ModelState state, Instant now, boolean withSnapshot) {
        long before = cumulative.total();
        boolean countsChanged = false;
        if (position < 0 || state.images() > position) {
            takeCounts(state);
            countsChanged = cumulative.total() != before;
        }
        Evaluation taken = null;
        if (withSnapshot && state.snapshotId() != snapshotId && state.lastPublished() != null) {
            lastPublished = state.lastPublished();
            snapshotId = state.snapshotId();
            taken = lastPublished;
        }
        long published = lastPublished == null ? 0 : lastPublished.count();
        long behind = cumulative.total() - published;
        if (behind == 0) {
            unpublished = 0;
            firstUnpublished = null;
            lastChange = null;
        } else {
            if (unpublished == 0 || firstUnpublished == null) {
                firstUnpublished = now;
            }
            if (countsChanged || lastChange == null) {
                lastChange = now;
            }
            unpublished = Math.abs(behind);
        }
        return taken;
    }

    private void takeCounts(ModelState state) {
        modelVersion = state.modelVersion();
        cumulative = ConfusionMatrix.of(state.counts());
        recent = new RecentWindow(windowSize);
        state.recent().forEach(p -> recent.add(p.trueLabel(), p.predictedLabel(), p.predictedAt()));
        firstAt = state.firstAt();
        lastAt = state.lastAt();
        position = cumulative.total();
    }

    /** Ties a new model to the durable count its first batch started from (0: it is the model's first). */
    void startAt(CountedBatch.Range range) {
        position = range == null ? UNTRACKED : range.before() == 0 ? 0 : STALE;
    }

    /**
     * How a batch whose transaction took this model's durable count from {@code before} to {@code after} relates to
     * this state: already in it (a read of the store saw it first), next after it, or past a gap (another replica
     * counted in between: it is applied, and the state is stale until read again).
     *
     * @return whether to count the batch's predictions of this model
     */
    boolean accept(CountedBatch.Range range) {
        if (range == null) {
            if (position >= 0) {
                position = STALE;
            }
            return true;
        }
        if (position == UNTRACKED || position == STALE) {
            return true;
        }
        if (range.after() <= position) {
            return false;
        }
        if (range.before() == position) {
            position = range.after();
            return true;
        }
        if (range.before() > position) {
            position = STALE;
            return true;
        }
        // overlapping a state read from the store: cannot happen (a read sees whole transactions); read it again
        position = STALE;
        return false;
    }

    /** @return whether the state is the store's state after a known number of images, or was never tied to one */
    boolean publishable() {
        return position != STALE;
    }

    /**
     * @param mark          what the store says of this model
     * @param withSnapshots whether a newer stored snapshot also counts
     * @return whether the store holds something this state lacks
     */
    boolean behind(ModelMark mark, boolean withSnapshots) {
        return position < 0 || mark.images() > position || (withSnapshots && mark.snapshotId() != snapshotId);
    }

    /** Counts one newly counted labelled prediction. */
    void count(LabelledPrediction prediction, Instant now) {
        modelVersion = prediction.modelVersion();
        cumulative.add(prediction.trueLabel(), prediction.predictedLabel());
        recent.add(prediction.trueLabel(), prediction.predictedLabel(), prediction.predictedAt());
        Instant at = prediction.predictedAt();
        if (at != null) {
            firstAt = firstAt == null || at.isBefore(firstAt) ? at : firstAt;
            lastAt = lastAt == null || at.isAfter(lastAt) ? at : lastAt;
        }
        if (unpublished == 0) {
            firstUnpublished = now;
        }
        unpublished++;
        lastChange = now;
    }

    /** @return why this model is due for emission now, or null */
    EmissionPolicy.Reason due(EmissionPolicy policy, Instant now) {
        return policy.due(unpublished, firstUnpublished, lastChange, now);
    }

    /** @return the current figures as an Evaluation stamped {@code now} */
    public Evaluation snapshot(Instant now) {
        return new Evaluation(
                modelId,
                modelVersion,
                cumulative.total(),
                cumulative.accuracy(),
                cumulative.macroF1(),
                cumulative.weightedF1(),
                FashionLabels.NAMES,
                cumulative.toArray(),
                cumulative.perClass(),
                new TimeWindow(firstAt, lastAt),
                now,
                recent.metrics());
    }

    /** Takes a snapshot and marks everything counted so far as published. */
    Evaluation publish(Instant now) {
        lastPublished = snapshot(now);
        snapshotId = -1; // published here: its id in the history is this replica's own, not read back
        unpublished = 0;
        firstUnpublished = null;
        lastChange = null;
        return lastPublished;
    }

    /**
     * Marks the model as changed though its counts did not (its comparison with another model did), so the policy
     * emits it again (after the quiet period, or T).
     */
    void touch(Instant now) {
        if (unpublished == 0) {
            firstUnpublished = now;
            unpublished = 1;
        }
        lastChange = now;
    }

    /** Records what was emitted of the snapshot {@link #publish} took (with what was attached to it). */
    void emitted(Evaluation evaluation) {
        if (lastPublished != null && lastPublished.timestamp().equals(evaluation.timestamp())) {
            lastPublished = evaluation;
        }
    }

    /** @return the model id */
    public String modelId() {
        return modelId;
    }

    /** @return labelled images counted */
    public long count() {
        return cumulative.total();
    }

    /** @return newly counted predictions not yet in a published snapshot */
    public long unpublished() {
        return unpublished;
    }

    /** @return the last published snapshot, or null */
    public Evaluation lastPublished() {
        return lastPublished;
    }
}
