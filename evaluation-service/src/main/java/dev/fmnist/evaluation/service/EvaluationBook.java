package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Counts predictions that the {@link CountStore} reported as new, in their counting order. When they come as a
     * {@link CountedBatch} (a store shared by several replicas), a model's predictions that a read of the store already
     * brought in ({@link #install}) are not counted again.
     */
    public synchronized void apply(List<LabelledPrediction> counted, Instant now) {
        CountedBatch batch = counted instanceof CountedBatch b ? b : null;
        Map<String, Boolean> accepted = new HashMap<>();
        for (LabelledPrediction prediction : counted) {
            ModelEvaluation model = models.get(prediction.modelId());
            if (model == null) {
                model = new ModelEvaluation(prediction.modelId(), prediction.modelVersion(), windowSize);
                model.startAt(batch == null ? null : batch.range(prediction.modelId()));
                models.put(prediction.modelId(), model);
            }
            ModelEvaluation target = model;
            if (accepted.computeIfAbsent(
                    prediction.modelId(), id -> batch == null ? target.accept(null) : target.accept(batch.range(id)))) {
                model.count(prediction, now);
            }
        }
    }

    /**
     * @param marks         what the store says of every model
     * @param withSnapshots whether a newer stored snapshot also makes a model behind (a replica that does not emit)
     * @return the models of which the store holds something this book lacks
     */
    public synchronized List<String> behind(List<ModelMark> marks, boolean withSnapshots) {
        List<String> behind = new ArrayList<>();
        for (ModelMark mark : marks) {
            ModelEvaluation model = models.get(mark.modelId());
            if (model == null || model.behind(mark, withSnapshots)) {
                behind.add(mark.modelId());
            }
        }
        return behind;
    }

    /**
     * Brings models up to their durable state read from the store (what another replica counted; with
     * {@code withSnapshots} also the snapshot another replica published), keeping what is not published yet due
     * under the emission policy. A state older than what this book already counted changes nothing.
     *
     * @return the published snapshots taken over from the store that are newer than those the book held
     */
    public synchronized List<Evaluation> install(List<ModelState> states, Instant now, boolean withSnapshots) {
        List<Evaluation> taken = new ArrayList<>();
        for (ModelState state : states) {
            ModelEvaluation model = models.get(state.modelId());
            if (model == null) {
                model = ModelEvaluation.restore(state, windowSize, now);
                models.put(state.modelId(), model);
                if (withSnapshots && model.lastPublished() != null) {
                    taken.add(model.lastPublished());
                }
            } else {
                Evaluation newer = model.install(state, now, withSnapshots);
                if (newer != null) {
                    taken.add(newer);
                }
            }
        }
        return taken;
    }

    /**
     * @return a snapshot of every model that is due now, each marked as published (a model whose state misses what
     *     another replica counted waits for its next read of the store)
     */
    public synchronized List<Evaluation> takeDue(Instant now) {
        List<Evaluation> due = new ArrayList<>();
        for (ModelEvaluation model : models.values()) {
            if (model.publishable() && model.due(policy, now) != null) {
                due.add(model.publish(now));
            }
        }
        return due;
    }

    /**
     * Marks models whose figures did not change as due again (the policy's quiet period or T), e.g. a model in shadow
     * whose comparison with production changed because production counted more. Unknown models are ignored.
     */
    public synchronized void touch(Collection<String> modelIds, Instant now) {
        for (String modelId : modelIds) {
            ModelEvaluation model = models.get(modelId);
            if (model != null) {
                model.touch(now);
            }
        }
    }

    /** Keeps what was emitted of a snapshot {@link #takeDue} took (with its comparison) as the model's latest. */
    public synchronized void emitted(Evaluation evaluation) {
        ModelEvaluation model = models.get(evaluation.modelId());
        if (model != null) {
            model.emitted(evaluation);
        }
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
