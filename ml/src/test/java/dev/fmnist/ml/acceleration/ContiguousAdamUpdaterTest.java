package dev.fmnist.ml.acceleration;

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
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The contiguous Adam computes what DL4J's Adam (libnd4j's op) computes: after real fixture batches a network with
 * it has the same parameters and the same updater state (m, v) as one with DL4J's own updater.
 */
class ContiguousAdamUpdaterTest {

    private static final int BATCH = Networks.BATCH;

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
        MultiLayerNetwork plain = Networks.network(configuration);
        MultiLayerNetwork contiguous = Networks.network(configuration);
        List<String> installed = ContiguousAdamUpdater.install(contiguous);
        assertThat(installed).isNotEmpty();
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) contiguous.getUpdater()).getUpdaterBlocks()) {
            assertThat(block.getGradientUpdater()).isInstanceOf(ContiguousAdamUpdater.class);
        }

        boolean image = !architecture.equals("mlp") && !architecture.equals("softmax");
        TrainingData data = FixtureData.train();
        for (int batch = 0; batch < 8; batch++) {
            INDArray[] xy = Networks.batch(data, batch * BATCH, image);
            plain.fit(xy[0], xy[1]);
            contiguous.fit(xy[0].dup(), xy[1].dup());
        }

        assertThat(Networks.relativeDifference(contiguous.params(), plain.params()))
                .isLessThan(1e-6);
        assertThat(Networks.relativeDifference(
                        contiguous.getUpdater().getStateViewArray(),
                        plain.getUpdater().getStateViewArray()))
                .isLessThan(1e-6);
        assertThat(contiguous.score()).isCloseTo(plain.score(), within(1e-6));
    }
}
