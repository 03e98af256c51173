package dev.fmnist.ml.acceleration;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.training.FixtureData;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reused batch arrays hold exactly the batch last published for their size, and a network fitted on them ends with
 * the parameters that fresh {@code Nd4j.create} arrays of the same batches give, on real fixture images.
 */
class BatchBuffersTest {

    private static final int BATCH = Networks.BATCH;
    private static final long[] IMAGE = {1, ImageGeometry.SIDE, ImageGeometry.SIDE};
    private static final long[] FLAT = {ImageGeometry.PIXELS};

    @BeforeAll
    static void backend() {
        Dl4jRuntime.initialise();
    }

    @Test
    void aPublishedPairHoldsTheLatestBatchOfItsSizeOnly() {
        TrainingData data = FixtureData.train();
        BatchBuffers buffers = new BatchBuffers(IMAGE, FashionLabels.COUNT);

        INDArray[] first = fill(buffers, data, 0, BATCH, 0.1);
        INDArray[] expectedFirst = fresh(data, 0, BATCH, 0.1, IMAGE);
        assertThat(first[0].shape()).containsExactly(BATCH, 1, ImageGeometry.SIDE, ImageGeometry.SIDE);
        assertThat(first[0].dataType()).isEqualTo(DataType.FLOAT);
        assertThat(first[0]).isEqualTo(expectedFirst[0]);
        assertThat(first[1]).isEqualTo(expectedFirst[1]);

        INDArray[] partial = fill(buffers, data, 100, 20, 0.1);
        assertThat(partial[0].shape()).containsExactly(20, 1, ImageGeometry.SIDE, ImageGeometry.SIDE);
        assertThat(partial[0]).isEqualTo(fresh(data, 100, 20, 0.1, IMAGE)[0]);
        assertThat(partial[1]).isEqualTo(fresh(data, 100, 20, 0.1, IMAGE)[1]);
        // the full-size pair is untouched by a batch of another size
        assertThat(first[0]).isEqualTo(expectedFirst[0]);

        INDArray[] second = fill(buffers, data, 500, BATCH, 0);
        assertThat(second[0]).isSameAs(first[0]);
        assertThat(second[0]).isEqualTo(fresh(data, 500, BATCH, 0, IMAGE)[0]);
        assertThat(second[1]).isEqualTo(fresh(data, 500, BATCH, 0, IMAGE)[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet5"})
    void aNetworkFittedOnReusedArraysEndsWithTheParametersOfFreshArrays(String architecture) {
        TrainingSpec spec = architecture.equals("mlp")
                ? TrainingSpec.of("mlp", 1, BATCH, 1e-3, 7L, Map.of("hiddenLayers", List.of(64, 32)), 0)
                : TrainingSpec.of(architecture, 1, BATCH, 1e-3, 7L, Map.of(), 0);
        MultiLayerConfiguration configuration = spec.resolve(1000).configuration();
        long[] example = architecture.equals("mlp") ? FLAT : IMAGE;
        MultiLayerNetwork withFresh = Networks.network(configuration);
        MultiLayerNetwork withReused = Networks.network(configuration);
        BatchBuffers buffers = new BatchBuffers(example, FashionLabels.COUNT);
        TrainingData data = FixtureData.train();

        // six full batches, a partial one, then full ones again (the label smoothing of the trainer's cnn recipe)
        int[] sizes = {BATCH, BATCH, BATCH, BATCH, BATCH, BATCH, 20, BATCH, BATCH};
        int from = 0;
        for (int size : sizes) {
            INDArray[] fresh = fresh(data, from, size, 0.1, example);
            withFresh.fit(fresh[0], fresh[1]);
            INDArray[] reused = fill(buffers, data, from, size, 0.1);
            withReused.fit(reused[0], reused[1]);
            from += size;
        }

        assertThat(Networks.relativeDifference(withReused.params(), withFresh.params()))
                .isLessThan(1e-6);
        assertThat(withReused.score()).isCloseTo(withFresh.score(), within(1e-6));
    }

    /** The trainer's way: write every value of the batch into the staging arrays, then publish. */
    private static INDArray[] fill(BatchBuffers buffers, TrainingData data, int from, int size, double smoothing) {
        float[] features = buffers.features(size);
        float[] labels = buffers.labels(size);
        writeBatch(data, from, size, smoothing, features, labels);
        return buffers.publish(size);
    }

    /** The trainer's former way: new arrays and {@code Nd4j.create} copies for every batch. */
    private static INDArray[] fresh(TrainingData data, int from, int size, double smoothing, long[] example) {
        float[] features = new float[size * ImageGeometry.PIXELS];
        float[] labels = new float[size * FashionLabels.COUNT];
        writeBatch(data, from, size, smoothing, features, labels);
        long[] shape = new long[example.length + 1];
        shape[0] = size;
        System.arraycopy(example, 0, shape, 1, example.length);
        return new INDArray[] {
            Nd4j.create(features, shape, 'c'), Nd4j.create(labels, new long[] {size, FashionLabels.COUNT}, 'c')
        };
    }

    private static void writeBatch(
            TrainingData data, int from, int size, double smoothing, float[] features, float[] labels) {
        float other = (float) (smoothing / FashionLabels.COUNT);
        Arrays.fill(labels, 0, size * FashionLabels.COUNT, other);
        for (int i = 0; i < size; i++) {
            int index = (from + i) % data.size();
            byte[] image = data.images().get(index);
            for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                features[i * ImageGeometry.PIXELS + p] = (image[p] & 0xFF) / 255f;
            }
            labels[i * FashionLabels.COUNT + data.labels()[index]] = (float) (1.0 - smoothing) + other;
        }
    }
}
