package dev.fmnist.ml.engine;

import dev.fmnist.ml.Classifier;
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
 * Its file entry is {@value #NETWORK_ENTRY}, DL4J's {@link ModelSerializer} file without updater state.
 */
public final class NetworkModel implements TrainedModel {

    /** Zip entry of the DL4J model file. */
    public static final String NETWORK_ENTRY = "network.zip";

    private final Model network;
    private final ModelMetadata metadata;

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
        INDArray input = Classifier.InputTensors.fromPixels(images, metadata.normalization(), metadata.layout());
        INDArray output;
        synchronized (this) {
            output = network instanceof MultiLayerNetwork mln
                    ? mln.output(input, false)
                    : ((ComputationGraph) network).outputSingle(false, input);
        }
        return output.toDoubleMatrix();
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
