package dev.fmnist.ml.acceleration;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/** What the acceleration tests share: networks built twice from one configuration, real batches, a distance. */
final class Networks {

    /** Images per test batch. */
    static final int BATCH = 32;

    private Networks() {}

    /** The {@code cnn} recipe's network, narrowed, without dropout (its masks would differ between two copies). */
    static MultiLayerConfiguration narrowCnn() {
        return TrainingSpec.of(
                        "cnn",
                        1,
                        BATCH,
                        0.05,
                        7L,
                        Map.of("width", 4, "dense", 16, "convDropout", 0.0, "dropout", 0.0),
                        0)
                .resolve(1000)
                .configuration();
    }

    /** @return an initialised network of its own copy of {@code configuration} */
    static MultiLayerNetwork network(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.clone());
        network.init();
        return network;
    }

    /**
     * @return {@link #BATCH} real images from {@code from} on (cyclically), scaled to [0, 1], as {@code [n,1,28,28]}
     *     ({@code image}) or {@code [n,784]}, and their one-hot labels
     */
    static INDArray[] batch(TrainingData data, int from, boolean image) {
        float[] features = new float[BATCH * ImageGeometry.PIXELS];
        float[] labels = new float[BATCH * FashionLabels.COUNT];
        for (int i = 0; i < BATCH; i++) {
            int index = (from + i) % data.size();
            byte[] pixels = data.images().get(index);
            for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                features[i * ImageGeometry.PIXELS + p] = (pixels[p] & 0xFF) / 255f;
            }
            labels[i * FashionLabels.COUNT + data.labels()[index]] = 1;
        }
        long[] shape = image
                ? new long[] {BATCH, 1, ImageGeometry.SIDE, ImageGeometry.SIDE}
                : new long[] {BATCH, ImageGeometry.PIXELS};
        return new INDArray[] {
            Nd4j.create(features, shape, 'c'), Nd4j.create(labels, new long[] {BATCH, FashionLabels.COUNT}, 'c')
        };
    }

    /** @return ‖actual − expected‖ / ‖expected‖ over all elements, in double */
    static double relativeDifference(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        return a.sub(e).norm2Number().doubleValue() / Math.max(e.norm2Number().doubleValue(), 1e-12);
    }
}
