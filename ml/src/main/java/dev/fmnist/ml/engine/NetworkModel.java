package dev.fmnist.ml.engine;

import dev.fmnist.ml.InputLayout;
import dev.fmnist.ml.ModelMetadata;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A DL4J network: one batched forward pass per call, serialised (DL4J networks are not safe for concurrent use).
 * The input tensor of the last batch size is kept and refilled ({@link InputBuffer}), the output is read off-heap
 * in one copy ({@link OutputRows}), and a plain dense network skips DL4J's {@code output()} for
 * {@link DenseForward}; together about 6× less CPU per image than building a fresh tensor, calling
 * {@code output()} and {@code toDoubleMatrix()} (docs/dl4j-performance.md, "Inference path").
 * Its file entry is {@value #NETWORK_ENTRY}, DL4J's {@link ModelSerializer} file without updater state.
 */
public final class NetworkModel implements TrainedModel {

    /**
     * System property: {@code false} makes every network predict through DL4J's own {@code output()}, also a plain
     * dense one (see {@link DenseForward}); read when a model is made. For comparisons and as an escape hatch.
     */
    public static final String DENSE_FAST_PATH = "fmnist.ml.dense-fast-path";

    /** Zip entry of the DL4J model file. */
    public static final String NETWORK_ENTRY = "network.zip";

    private final Model network;
    private final ModelMetadata metadata;
    private final InputBuffer inputs;
    /** The dense fast path, when the network is a plain dense one; otherwise DL4J's own output(). */
    private final DenseForward dense;

    /**
     * @param network  a {@link MultiLayerNetwork} or single-input, single-output {@link ComputationGraph}
     * @param metadata how to feed it
     */
    public NetworkModel(Model network, ModelMetadata metadata) {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException(
                    "unsupported network type " + network.getClass().getName());
        }
        this.network = network;
        this.metadata = metadata;
        this.inputs = new InputBuffer(metadata.normalization(), metadata.layout());
        this.dense = network instanceof MultiLayerNetwork mln
                        && metadata.layout() == InputLayout.FLAT
                        && Boolean.parseBoolean(System.getProperty(DENSE_FAST_PATH, "true"))
                ? DenseForward.of(mln).orElse(null)
                : null;
    }

    /** @return whether predictions take the dense fast path ({@link DenseForward}) rather than DL4J's output() */
    public boolean denseFastPath() {
        return dense != null;
    }

    /** @return the DL4J network */
    public Model network() {
        return network;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public NetworkModel withMetadata(ModelMetadata newMetadata) {
        return new NetworkModel(network, newMetadata);
    }

    @Override
    public double[][] predictProbabilities(List<byte[]> images) {
        if (images.isEmpty()) {
            return new double[0][];
        }
        float[] values = inputs.normalise(images);
        INDArray output;
        synchronized (this) {
            INDArray input = inputs.tensor(values, images.size());
            if (dense != null) {
                return OutputRows.toRows(dense.output(input));
            }
            output = network instanceof MultiLayerNetwork mln
                    ? mln.output(input, false)
                    : ((ComputationGraph) network).outputSingle(false, input);
        }
        return OutputRows.toRows(output);
    }

    @Override
    public Map<String, byte[]> fileEntries() {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, model, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(NETWORK_ENTRY, model.toByteArray());
    }
}
