package dev.fmnist.evaluation.service;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;

/**
 * What one counting transaction counted: the new predictions, in counting order (it is that list), and for each
 * model the durable count of its images just before and just after the transaction. Several replicas count into
 * the same rows, and the model row is locked until commit, so these positions order every transaction of a model:
 * the {@link EvaluationBook} uses them to tell whether a batch it applies is already in a state it read from the
 * store (skip it), follows it (apply it), or leaves a gap another replica filled (apply it, and read the model again
 * before publishing it).
 */
public final class CountedBatch extends AbstractList<LabelledPrediction> {

    private final List<LabelledPrediction> counted;
    private final Map<String, Range> ranges;

    /**
     * @param counted the new predictions, in counting order
     * @param ranges  per model id of {@code counted}: its durable count before and after the transaction
     */
    public CountedBatch(List<LabelledPrediction> counted, Map<String, Range> ranges) {
        this.counted = List.copyOf(counted);
        this.ranges = Map.copyOf(ranges);
    }

    @Override
    public LabelledPrediction get(int index) {
        return counted.get(index);
    }

    @Override
    public int size() {
        return counted.size();
    }

    /** @return the model's durable count before and after this batch, or null when the batch has none of it */
    public Range range(String modelId) {
        return ranges.get(modelId);
    }

    /**
     * A model's durable count of images around one transaction.
     *
     * @param before images counted before it
     * @param after  images counted once it committed
     */
    public record Range(long before, long after) {}
}
