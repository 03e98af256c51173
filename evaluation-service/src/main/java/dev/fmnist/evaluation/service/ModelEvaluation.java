package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

import java.time.Instant;

/**
 * One model's live state: its cumulative confusion matrix (the contract's top-level figures), the sliding window of
 * its last W predictions ({@code Evaluation.recent}), and what has not been published yet. Not thread-safe; the
 * {@link EvaluationBook} guards it.
 */
public final class ModelEvaluation {

    private final String modelId;
    private int modelVersion;
    private final ConfusionMatrix cumulative;
    private final RecentWindow recent;
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
        this.cumulative = new ConfusionMatrix();
        this.recent = new RecentWindow(windowSize);
    }

    /**
     * Rebuilds the state of a model from its durable state. Counts that no stored snapshot reflects yet are
     * unpublished, so they are emitted soon after start.
     */
    static ModelEvaluation restore(ModelState state, int windowSize, Instant now) {
        ModelEvaluation model = new ModelEvaluation(state.modelId(), state.modelVersion(), windowSize);
        model.cumulative.addAll(ConfusionMatrix.of(state.counts()));
        state.recent().forEach(p -> model.recent.add(p.trueLabel(), p.predictedLabel(), p.predictedAt()));
        model.firstAt = state.firstAt();
        model.lastAt = state.lastAt();
        model.lastPublished = state.lastPublished();
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
        unpublished = 0;
        firstUnpublished = null;
        lastChange = null;
        return lastPublished;
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
