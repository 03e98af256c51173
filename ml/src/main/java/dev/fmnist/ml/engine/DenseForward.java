package dev.fmnist.ml.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inference forward pass of a plain dense network (only {@link DenseLayer}s and one {@link OutputLayer}, FLOAT,
 * no layer norm, no input preprocessors) computed straight from the network's own parameter arrays:
 * {@code activation(x·W + b)} per layer, each into an activation array kept for the batch size, so a call allocates
 * nothing off-heap. It is what {@link MultiLayerNetwork#output(INDArray, boolean)} computes in inference mode
 * (dropout and weight noise apply only in training), with one difference in how: {@code x·W + b} is libnd4j's
 * {@code xw_plus_b} op, which the oneDNN build runs as one oneDNN inner product (brgemm, AVX-512 here), about 3× less
 * CPU than DL4J's {@code mmul} (OpenBLAS sgemm) plus a separate bias addition, where the shape suits oneDNN
 * ({@link InnerProduct}: the MLP's hidden layers, not its 10-way output). Results agree with DL4J's to float
 * rounding (the summation order differs).
 * Not thread-safe: the caller holds the model's lock; the returned array is valid until the next call.
 */
final class DenseForward {

    private final List<INDArray> weights;
    private final List<INDArray> biases;
    private final List<IActivation> activations;
    private final long[] widths;
    private List<INDArray> buffers = List.of();
    private long rows = -1;

    private DenseForward(List<INDArray> weights, List<INDArray> biases, List<IActivation> activations) {
        this.weights = weights;
        this.biases = biases;
        this.activations = activations;
        this.widths = weights.stream().mapToLong(w -> w.size(1)).toArray();
    }

    /** @return the fast path for {@code network}, or empty when it is not a plain dense FLOAT network */
    static Optional<DenseForward> of(MultiLayerNetwork network) {
        if (network.getLayerWiseConfigurations().getInputPreProcessors() != null
                && !network.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            return Optional.empty();
        }
        Layer[] layers = network.getLayers();
        if (layers == null || layers.length == 0) {
            return Optional.empty();
        }
        List<INDArray> weights = new ArrayList<>(layers.length);
        List<INDArray> biases = new ArrayList<>(layers.length);
        List<IActivation> activations = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            Object conf = layers[i].conf().getLayer();
            boolean last = i == layers.length - 1;
            boolean dense = conf.getClass() == DenseLayer.class
                    && !((DenseLayer) conf).hasLayerNorm()
                    && ((DenseLayer) conf).hasBias();
            boolean output = last && conf.getClass() == OutputLayer.class && ((OutputLayer) conf).hasBias();
            if (!(dense && !last) && !output) {
                return Optional.empty();
            }
            INDArray w = layers[i].getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = layers[i].getParam(DefaultParamInitializer.BIAS_KEY);
            if (w == null
                    || b == null
                    || w.rank() != 2
                    || w.dataType() != DataType.FLOAT
                    || b.dataType() != DataType.FLOAT
                    || (i > 0 && w.size(0) != weights.get(i - 1).size(1))) {
                return Optional.empty();
            }
            weights.add(w);
            biases.add(b);
            activations.add(((org.deeplearning4j.nn.conf.layers.BaseLayer) conf).getActivationFn());
        }
        return Optional.of(new DenseForward(weights, biases, activations));
    }

    /** @return the number of inputs per row */
    long inputWidth() {
        return weights.get(0).size(0);
    }

    /**
     * @param input {@code [n, inputWidth]} FLOAT
     * @return the last layer's activations {@code [n, classes]}, 'c' order
     */
    INDArray output(INDArray input) {
        long n = input.size(0);
        if (n != rows) {
            List<INDArray> fresh = new ArrayList<>(widths.length);
            for (long width : widths) {
                fresh.add(Nd4j.createUninitializedDetached(DataType.FLOAT, 'c', n, width));
            }
            buffers = fresh;
            rows = n;
        }
        INDArray x = input;
        for (int i = 0; i < widths.length; i++) {
            INDArray z = buffers.get(i);
            InnerProduct.compute(x, weights.get(i), biases.get(i), z);
            activations.get(i).getActivation(z, false);
            x = z;
        }
        return x;
    }
}
