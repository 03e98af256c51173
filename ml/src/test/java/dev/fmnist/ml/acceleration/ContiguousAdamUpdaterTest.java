package dev.fmnist.ml.acceleration;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.training.FixtureData;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The contiguous Adam computes what DL4J's Adam (libnd4j's op) computes: after real fixture batches a network with
 * it has the same parameters and the same updater state (m, v) as one with DL4J's own updater.
 */
class ContiguousAdamUpdaterTest {

    private static final int BATCH = 32;

    @BeforeAll
    static void backend() {
        Dl4jRuntime.initialise();
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "mlp", "lenet5"})
    void aNetworkWithTheContiguousAdamEndsWithDl4jsParametersAndState(String architecture) {
        TrainingSpec spec = architecture.equals("mlp")
                ? TrainingSpec.of("mlp", 1, BATCH, 1e-3, 11L, Map.of("hiddenLayers", List.of(64, 32)), 0)
                : TrainingSpec.of(architecture, 1, BATCH, 1e-3, 11L, Map.of(), 0);
        MultiLayerConfiguration configuration = spec.resolve(1000).configuration();
        MultiLayerNetwork plain = network(configuration);
        MultiLayerNetwork contiguous = network(configuration);
        List<String> installed = ContiguousAdamUpdater.install(contiguous);
        assertThat(installed).isNotEmpty();
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) contiguous.getUpdater()).getUpdaterBlocks()) {
            assertThat(block.getGradientUpdater()).isInstanceOf(ContiguousAdamUpdater.class);
        }

        boolean image = !architecture.equals("mlp") && !architecture.equals("softmax");
        TrainingData data = FixtureData.train();
        for (int batch = 0; batch < 8; batch++) {
            INDArray[] xy = batch(data, batch * BATCH, image);
            plain.fit(xy[0], xy[1]);
            contiguous.fit(xy[0].dup(), xy[1].dup());
        }

        assertThat(relativeDifference(contiguous.params(), plain.params())).isLessThan(1e-6);
        assertThat(relativeDifference(
                        contiguous.getUpdater().getStateViewArray(),
                        plain.getUpdater().getStateViewArray()))
                .isLessThan(1e-6);
        assertThat(contiguous.score()).isCloseTo(plain.score(), within(1e-6));
    }

    private static INDArray[] batch(TrainingData data, int from, boolean image) {
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

    private static MultiLayerNetwork network(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.clone());
        network.init();
        return network;
    }

    private static double relativeDifference(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        return a.sub(e).norm2Number().doubleValue() / Math.max(e.norm2Number().doubleValue(), 1e-12);
    }
}
