package dev.fmnist.ml.engine;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.InputLayout;
import dev.fmnist.ml.Normalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteOrder;
import java.util.List;

/**
 * A network's input tensor, built from grey levels without per-call set-up: the normalisation lookup table is made
 * once per model, and the off-heap tensor of the last batch size is kept and refilled (allocating a fresh off-heap
 * array per batch cost about as much as the forward pass of the MLP). {@link #normalise} is safe from any thread;
 * {@link #tensor} must be called under the model's lock, and its result is valid until the next call.
 */
final class InputBuffer {

    private final float[] lookup;
    private final InputLayout layout;
    private INDArray tensor;

    InputBuffer(Normalization normalization, InputLayout layout) {
        this.lookup = normalization.lookupTable();
        this.layout = layout;
    }

    /**
     * @param images each 784 grey levels
     * @return the network inputs, row-major, one image after the other
     * @throws IllegalArgumentException naming the first image that has not 784 levels
     */
    float[] normalise(List<byte[]> images) {
        return Classifier.InputTensors.normalise(images, lookup);
    }

    /**
     * @param values {@link #normalise}'s result
     * @param n      number of images in it
     * @return a FLOAT tensor of shape {@code [n,784]} or {@code [n,1,28,28]} holding {@code values}
     */
    INDArray tensor(float[] values, int n) {
        INDArray current = tensor;
        if (current == null || current.size(0) != n) {
            long[] shape = layout == InputLayout.IMAGE
                    ? new long[] {n, 1, ImageGeometry.SIDE, ImageGeometry.SIDE}
                    : new long[] {n, ImageGeometry.PIXELS};
            current = Nd4j.createUninitializedDetached(DataType.FLOAT, 'c', shape);
            tensor = current;
        }
        current.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values, 0, values.length);
        return current;
    }
}
