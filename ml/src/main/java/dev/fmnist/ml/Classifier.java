package dev.fmnist.ml;

import dev.fmnist.contracts.ImageGeometry;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Runs a trained network on grey-level images: applies the model's own normalisation and input layout, then one
 * batched forward pass in inference mode. Calls are serialised (DL4J networks are not safe for concurrent use).
 */
public final class Classifier {

    private final Model network;
    private final ModelMetadata metadata;

    Classifier(Model network, ModelMetadata metadata) {
        this.network = network;
        this.metadata = metadata;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * @param images each exactly 784 grey levels, row-major
     * @return per image, the probability of each class (rows sum to 1)
     */
    public double[][] predictProbabilities(List<byte[]> images) {
        if (images.isEmpty()) {
            return new double[0][];
        }
        INDArray input = InputTensors.fromPixels(images, metadata.normalization(), metadata.layout());
        INDArray output;
        synchronized (this) {
            output = network instanceof MultiLayerNetwork mln
                    ? mln.output(input, false)
                    : ((ComputationGraph) network).outputSingle(false, input);
        }
        return output.toDoubleMatrix();
    }

    /** @return the index of the largest probability */
    public static int argMax(double[] probabilities) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Network input tensors from grey levels. */
    public static final class InputTensors {

        private InputTensors() {
        }

        /**
         * @param images        each 784 grey levels
         * @param normalization pixel transform
         * @param layout        {@code [n,784]} or {@code [n,1,28,28]}
         * @return a float tensor ready for the network
         */
        public static INDArray fromPixels(List<byte[]> images, Normalization normalization, InputLayout layout) {
            int n = images.size();
            float[] values = new float[n * ImageGeometry.PIXELS];
            float[] lookup = new float[256];
            for (int level = 0; level < 256; level++) {
                lookup[level] = normalization.apply(level);
            }
            for (int i = 0; i < n; i++) {
                byte[] pixels = images.get(i);
                if (pixels.length != ImageGeometry.PIXELS) {
                    throw new IllegalArgumentException("image " + i + " has " + pixels.length + " pixels, not 784");
                }
                int offset = i * ImageGeometry.PIXELS;
                for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                    values[offset + p] = lookup[pixels[p] & 0xFF];
                }
            }
            long[] shape = layout == InputLayout.IMAGE
                    ? new long[]{n, 1, ImageGeometry.SIDE, ImageGeometry.SIDE}
                    : new long[]{n, ImageGeometry.PIXELS};
            return Nd4j.create(values, shape, 'c');
        }
    }
}
