package dev.fmnist.evaluation.service;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where counting is made durable. Implementations record which (model, image) pairs were counted and the confusion
 * counts in one transaction, so that a prediction delivered twice, or redelivered after a restart, counts once.
 * Several replicas may count into one store (each its own partitions): a store shared that way returns a
 * {@link CountedBatch} from {@code countNew} (the model's durable count around the transaction) and answers
 * {@link #marks()} and {@link #load} cheaply, so that each replica's book can be brought up to date with what the
 * others counted.
 */
public interface CountStore {

    /**
     * Counts the predictions whose (model, image) pair was never counted before, atomically: either all of them
     * are recorded with the updated counts, or nothing is (and an exception is thrown).
     *
     * @param predictions labelled predictions, one per (model, image)
     * @return those that were new, in the order they were counted
     */
    List<LabelledPrediction> countNew(List<LabelledPrediction> predictions);

    /**
     * Like {@link #countNew(List)}, and hands the new predictions to {@code alsoRecord} before the counts are made
     * durable, so that what it records (the cell samples) is kept with the counts or not at all. A store that runs
     * {@code countNew} in a transaction runs {@code alsoRecord} in the same one (an exception from it rolls the
     * counts back); this default runs it after counting.
     *
     * @param predictions labelled predictions, one per (model, image)
     * @param alsoRecord  called once with the new predictions, in counting order, when there are any
     * @return those that were new, in the order they were counted
     */
    default List<LabelledPrediction> countNew(
            List<LabelledPrediction> predictions, Consumer<List<LabelledPrediction>> alsoRecord) {
        List<LabelledPrediction> counted = countNew(predictions);
        if (!counted.isEmpty()) {
            alsoRecord.accept(counted);
        }
        return counted;
    }

    /**
     * @param windowSize W, how many of each model's most recent counted predictions to return
     * @return the durable state of every model counted so far
     */
    List<ModelState> loadAll(int windowSize);

    /**
     * @return every model's durable count of images and newest stored snapshot; this default reads everything through
     *     {@link #loadAll}, a store shared by several replicas answers it with one cheap query
     */
    default List<ModelMark> marks() {
        return loadAll(1).stream()
                .map(s -> new ModelMark(s.modelId(), s.images(), s.snapshotId()))
                .toList();
    }

    /**
     * @param modelIds   the models to read
     * @param windowSize W, how many of each model's most recent counted predictions to return
     * @return the durable state of those of them that were counted, all read in one consistent snapshot (counts,
     *     span, window and last published snapshot agree with each other)
     */
    default List<ModelState> load(Collection<String> modelIds, int windowSize) {
        Set<String> wanted = Set.copyOf(modelIds);
        return loadAll(windowSize).stream()
                .filter(s -> wanted.contains(s.modelId()))
                .toList();
    }

    /**
     * Bounds the deduplication record: keeps each model's {@code keepPerModel} most recently counted pairs.
     *
     * @param keepPerModel pairs kept per model
     * @return pairs deleted
     */
    int prune(int keepPerModel);
}
