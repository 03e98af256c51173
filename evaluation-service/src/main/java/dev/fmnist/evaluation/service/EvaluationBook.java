package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every model's live evaluation state. Counted predictions go in ({@link #apply}); snapshots that the
 * {@link EmissionPolicy} says are due come out ({@link #takeDue}). Thread-safe: the consumer applies batches
 * while a timer takes due snapshots and HTTP requests read the latest ones.
 */
public final class EvaluationBook {

    private final EmissionPolicy policy;
    private final int windowSize;
    private final TreeMap<String, ModelEvaluation> models = new TreeMap<>();

    /**
     * @param policy     when to emit
     * @param windowSize W, the sliding window's size
     */
    public EvaluationBook(EmissionPolicy policy, int windowSize) {
        this.policy = policy;
        this.windowSize = windowSize;
    }

    /** Replaces the state of the given models with their durable state (on start). */
    public synchronized void restore(List<ModelState> states, Instant now) {
        for (ModelState state : states) {
            models.put(state.modelId(), ModelEvaluation.restore(state, windowSize, now));
        }
    }

    /** Counts predictions that the {@link CountStore} reported as new, in their counting order. */
    public synchronized void apply(List<LabelledPrediction> counted, Instant now) {
        for (LabelledPrediction prediction : counted) {
            models.computeIfAbsent(
                            prediction.modelId(), id -> new ModelEvaluation(id, prediction.modelVersion(), windowSize))
                    .count(prediction, now);
        }
    }

    /**
     * @return a snapshot of every model that is due now, each marked as published
     */
    public synchronized List<Evaluation> takeDue(Instant now) {
        List<Evaluation> due = new ArrayList<>();
        for (ModelEvaluation model : models.values()) {
            if (model.due(policy, now) != null) {
                due.add(model.publish(now));
            }
        }
        return due;
    }

    /** @return the last published snapshot of a model, if any */
    public synchronized Optional<Evaluation> latest(String modelId) {
        ModelEvaluation model = models.get(modelId);
        return Optional.ofNullable(model == null ? null : model.lastPublished());
    }

    /** @return the last published snapshot of every model that has one, by model id */
    public synchronized List<Evaluation> latestAll() {
        List<Evaluation> latest = new ArrayList<>();
        for (ModelEvaluation model : models.values()) {
            if (model.lastPublished() != null) {
                latest.add(model.lastPublished());
            }
        }
        return latest;
    }

    /** @return labelled images counted for a model so far (published or not), 0 when unknown */
    public synchronized long count(String modelId) {
        ModelEvaluation model = models.get(modelId);
        return model == null ? 0 : model.count();
    }

    /** @return whether any prediction was ever counted for a model */
    public synchronized boolean knows(String modelId) {
        return models.containsKey(modelId);
    }

    /** @return the emission policy in force */
    public EmissionPolicy policy() {
        return policy;
    }
}
