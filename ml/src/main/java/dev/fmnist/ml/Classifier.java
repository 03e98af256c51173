package dev.fmnist.ml;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.engine.TrainedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Runs a trained model of any engine ({@link TrainedModel}: a DL4J network, the PCA + CART tree) on grey-level
 * images: the model applies its own normalisation and input layout, in inference mode. A model trained with the hyper-parameter {@value #TEST_TIME_FLIP} {@code true} gets test-time augmentation: the
 * probabilities are the mean of those of the image and of its left-right mirror (two forward passes).
 */
public final class Classifier {

    /** Model hyper-parameter: average each prediction with that of the mirrored image. */
    public static final String TEST_TIME_FLIP = "testTimeFlip";

    private final TrainedModel model;
    private final ModelMetadata metadata;
    private final boolean flipAveraging;

    Classifier(TrainedModel model) {
        this.model = model;
        this.metadata = model.metadata();
        Object flip = metadata.hyperParameters() == null
                ? null
                : metadata.hyperParameters().get(TEST_TIME_FLIP);
        this.flipAveraging = flip != null && Boolean.parseBoolean(flip.toString());
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
        double[][] probabilities = forward(images);
        if (flipAveraging) {
            double[][] mirrored =
                    forward(images.stream().map(Classifier::mirror).toList());
            for (int i = 0; i < probabilities.length; i++) {
                for (int c = 0; c < probabilities[i].length; c++) {
                    probabilities[i][c] = (probabilities[i][c] + mirrored[i][c]) / 2;
                }
            }
        }
        return probabilities;
    }

    /** @return whether predictions average the image and its mirror ({@value #TEST_TIME_FLIP}) */
    public boolean flipAveraging() {
        return flipAveraging;
    }

    private double[][] forward(List<byte[]> images) {
        return model.predictProbabilities(images);
    }

    /** @return the image mirrored left-right (784 grey levels, row-major) */
    static byte[] mirror(byte[] pixels) {
        if (pixels.length != ImageGeometry.PIXELS) {
            return pixels; // refused with the reason by InputTensors
        }
        int side = ImageGeometry.SIDE;
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[y * side + x] = pixels[y * side + side - 1 - x];
            }
        }
        return out;
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

        private InputTensors() {}

        /**
         * @param images      each 784 grey levels
         * @param lookupTable {@link Normalization#lookupTable()}
         * @return the normalised values, row-major, one image after the other
         * @throws IllegalArgumentException naming the first image that has not 784 levels
         */
        public static float[] normalise(List<byte[]> images, float[] lookupTable) {
            int n = images.size();
            float[] values = new float[n * ImageGeometry.PIXELS];
            for (int i = 0; i < n; i++) {
                byte[] pixels = images.get(i);
                if (pixels.length != ImageGeometry.PIXELS) {
                    throw new IllegalArgumentException("image " + i + " has " + pixels.length + " pixels, not 784");
                }
                int offset = i * ImageGeometry.PIXELS;
                for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                    values[offset + p] = lookupTable[pixels[p] & 0xFF];
                }
            }
            return values;
        }

        /**
         * @param images        each 784 grey levels
         * @param normalization pixel transform
         * @param layout        {@code [n,784]} or {@code [n,1,28,28]}
         * @return a float tensor ready for the network
         */
        public static INDArray fromPixels(List<byte[]> images, Normalization normalization, InputLayout layout) {
            int n = images.size();
            float[] values = normalise(images, normalization.lookupTable());
            long[] shape = layout == InputLayout.IMAGE
                    ? new long[] {n, 1, ImageGeometry.SIDE, ImageGeometry.SIDE}
                    : new long[] {n, ImageGeometry.PIXELS};
            return Nd4j.create(values, shape, 'c');
        }
    }
}
