package dev.fmnist.ml.acceleration;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.engine.NetworkModel;
import dev.fmnist.ml.training.FixtureData;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training accelerations change how much work a step does, not what it computes: a network trained with them
 * ends with the parameters DL4J's own layers give, on real fixture images, and the saved network is plain DL4J.
 */
class TrainingAccelerationsTest {

    private static final int BATCH = Networks.BATCH;

    @BeforeAll
    static void backend() {
        Dl4jRuntime.initialise();
    }

    @Test
    void anMlpTrainedWithTheLeanDenseLayersEndsWithDl4jsParameters() {
        MultiLayerConfiguration configuration = TrainingSpec.of(
                        "mlp", 1, BATCH, 1e-3, 7L, Map.of("hiddenLayers", List.of(64, 32)), 0)
                .resolve(1000)
                .configuration();
        MultiLayerNetwork plain = Networks.network(configuration);
        MultiLayerNetwork lean = Networks.network(configuration);
        List<String> applied = TrainingAccelerations.apply(lean);
        assertThat(applied)
                .containsExactly(
                        "0:DenseLayer:SinglePassDenseLayer without input gradient",
                        "1:DenseLayer:SinglePassDenseLayer",
                        "updater block 0:ContiguousAdamUpdater");
        assertThat(lean.getLayers()[0]).isInstanceOf(SinglePassDenseLayer.class);

        train(plain, lean, false, 6);

        assertThat(Networks.relativeDifference(lean.params(), plain.params())).isLessThan(1e-5);
        assertThat(lean.score()).isCloseTo(plain.score(), org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void theCnnTrainedWithTheFastBatchNormStatisticsEndsWithDl4jsParameters() {
        MultiLayerConfiguration configuration = Networks.narrowCnn();
        MultiLayerNetwork plain = Networks.network(configuration);
        MultiLayerNetwork fast = Networks.network(configuration);
        List<String> applied = TrainingAccelerations.apply(fast);
        if (Dl4jRuntime.oneDnnEnabled()) {
            assertThat(applied)
                    .filteredOn(a -> a.endsWith("ChannelStatisticsBatchNormHelper"))
                    .hasSize(7);
        }
        assertThat(applied).contains("21:DenseLayer:SinglePassDenseLayer");

        train(plain, fast, true, 4);

        // batch norm's running means and variances are parameters too: they follow the fast statistics
        assertThat(Networks.relativeDifference(fast.params(), plain.params())).isLessThan(1e-4);
    }

    @Test
    void channelStatisticsEqualDl4jsReductionsAlsoFarFromZero() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 5, 12, 12).muli(4).addi(20); // mean ≈ 22, variance ≈ 1.3
        INDArray mean = Nd4j.create(DataType.FLOAT, 5);
        INDArray variance = Nd4j.create(DataType.FLOAT, 5);
        ChannelStatisticsBatchNormHelper.statistics(x, 1, mean, variance);
        INDArray expectedMean = x.castTo(DataType.DOUBLE).mean(0, 2, 3);
        INDArray expectedVariance = Nd4j.exec(new Variance(x.castTo(DataType.DOUBLE), false, 0, 2, 3));
        assertThat(Networks.relativeDifference(mean, expectedMean)).isLessThan(1e-6);
        assertThat(Networks.relativeDifference(variance, expectedVariance)).isLessThan(1e-4);
    }

    @Test
    void theTrainerTrainsWithThemAndSavesAPlainDl4jNetworkThatPredictsTheSame() throws Exception {
        TrainingData data = FixtureData.firstOfEachClass(20);
        NetworkModel model = (NetworkModel) ModelTrainer.train(
                        TrainingSpec.of("mlp", 1, BATCH, 1e-3, 3L, Map.of("validationFraction", 0.0), 0), data, null)
                .model();
        MultiLayerNetwork trained = (MultiLayerNetwork) model.network();
        assertThat(trained.getLayers()[0]).isInstanceOf(SinglePassDenseLayer.class);

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(trained, saved, false);
        MultiLayerNetwork reloaded =
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved.toByteArray()), false);
        for (Layer layer : reloaded.getLayers()) {
            assertThat(layer.getClass().getName()).startsWith("org.deeplearning4j.");
        }
        INDArray input = Nd4j.create(pixels(data, 0, 50), new long[] {50, ImageGeometry.PIXELS}, 'c');
        assertThat(Networks.relativeDifference(reloaded.output(input, false), trained.output(input, false)))
                .isLessThan(1e-6);
    }

    /** The same real mini-batches, in the same order, through both networks. */
    private static void train(MultiLayerNetwork a, MultiLayerNetwork b, boolean image, int batches) {
        TrainingData data = FixtureData.train();
        for (int batch = 0; batch < batches; batch++) {
            INDArray[] xy = Networks.batch(data, batch * BATCH, image);
            a.fit(xy[0], xy[1]);
            b.fit(xy[0].dup(), xy[1].dup());
        }
    }

    private static float[] pixels(TrainingData data, int from, int count) {
        float[] features = new float[count * ImageGeometry.PIXELS];
        for (int i = 0; i < count; i++) {
            byte[] image = data.images().get((from + i) % data.size());
            for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                features[i * ImageGeometry.PIXELS + p] = (image[p] & 0xFF) / 255f;
            }
        }
        return features;
    }
}
