package dev.fmnist.ml.acceleration;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * A trainer's mini-batch arrays, allocated once per batch size and refilled for every batch, in place of a fresh
 * {@code float[]} pair and two {@code Nd4j.create} copies (two off-heap allocations, their deallocator references
 * and their garbage) per step. The caller writes a batch into the staging arrays ({@link #features(int)},
 * {@link #labels(int)}: every value of the first {@code size} examples, the arrays are not cleared) and then
 * {@link #publish(int)} copies them into that size's arrays. A published pair is valid until the next
 * {@code publish} of the same size: hand it to {@code fit} and let go of it before building the next batch.
 */
public final class BatchBuffers {

    private final long[] exampleShape;
    private final int exampleLength;
    private final int classes;
    private final Map<Integer, INDArray[]> arrays = new HashMap<>();
    private float[] features = new float[0];
    private float[] labels = new float[0];

    /**
     * @param exampleShape one example's feature shape, for example {@code {784}} or {@code {1, 28, 28}}
     * @param classes      the label width
     */
    public BatchBuffers(long[] exampleShape, int classes) {
        this.exampleShape = exampleShape.clone();
        long length = 1;
        for (long dimension : exampleShape) {
            length *= dimension;
        }
        this.exampleLength = Math.toIntExact(length);
        this.classes = classes;
    }

    /** @return the staging array for {@code size} examples' features (at least {@code size} × example length) */
    public float[] features(int size) {
        if (features.length < size * exampleLength) {
            features = new float[size * exampleLength];
        }
        return features;
    }

    /** @return the staging array for {@code size} examples' labels (at least {@code size} × classes) */
    public float[] labels(int size) {
        if (labels.length < size * classes) {
            labels = new float[size * classes];
        }
        return labels;
    }

    /** @return {features, labels} of shape {size, exampleShape...} and {size, classes}, 'c' order, FLOAT */
    public INDArray[] publish(int size) {
        INDArray[] pair = arrays.computeIfAbsent(size, this::allocate);
        pair[0].data().asNioFloat().put(0, features(size), 0, size * exampleLength);
        pair[1].data().asNioFloat().put(0, labels(size), 0, size * classes);
        return pair;
    }

    private INDArray[] allocate(int size) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = size;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new INDArray[] {
                Nd4j.create(DataType.FLOAT, shape, 'c'), Nd4j.create(DataType.FLOAT, new long[] {size, classes}, 'c')
            };
        }
    }
}
