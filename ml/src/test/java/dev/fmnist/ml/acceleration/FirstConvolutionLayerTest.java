package dev.fmnist.ml.acceleration;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.training.FixtureData;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first convolution without the image gradient computes the parameter gradients DL4J's own layer computes, on
 * real fixture images: for LeNet-5 (ReLU, explicit padding, bias) and the cnn (identity, "same" padding, no bias).
 */
class FirstConvolutionLayerTest {

    private static final int BATCH = 32;
    private static final String INSTALLED = "0:ConvolutionLayer:FirstConvolutionLayer without input gradient";

    @BeforeAll
    static void backend() {
        Dl4jRuntime.initialise();
    }

    @Test
    void leNetsGradientOfOneStepIsDl4jsForEveryParameter() {
        sameGradients(leNet());
    }

    @Test
    void theCnnsGradientOfOneStepIsDl4jsForEveryParameter() {
        sameGradients(cnn());
    }

    @Test
    void leNetTrainedWithTheFirstConvolutionEndsWithDl4jsParameters() {
        sameParametersAfterTraining(leNet(), 2);
    }

    @Test
    void theCnnTrainedWithTheFirstConvolutionEndsWithDl4jsParameters() {
        sameParametersAfterTraining(cnn(), 3);
    }

    private static MultiLayerConfiguration leNet() {
        return TrainingSpec.of("lenet5", 1, BATCH, 1e-3, 7L, Map.of(), 0)
                .resolve(1000)
                .configuration();
    }

    /** The recipe's network, narrowed, without dropout (its random masks would differ between the two copies). */
    private static MultiLayerConfiguration cnn() {
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

    private static void sameGradients(MultiLayerConfiguration configuration) {
        MultiLayerNetwork plain = network(configuration);
        MultiLayerNetwork lean = network(configuration);
        LayerHelper helper = lean.getLayers()[0].getHelper();
        assertThat(TrainingAccelerations.apply(lean)).contains(INSTALLED);
        assertThat(lean.getLayers()[0]).isInstanceOf(FirstConvolutionLayer.class);
        // the forward pass keeps DL4J's oneDNN helper
        assertThat(lean.getLayers()[0].getHelper()).isSameAs(helper);
        if (Dl4jRuntime.oneDnnEnabled()) {
            assertThat(helper).isNotNull();
        }
        INDArray[] batch = batch(FixtureData.train(), 0);

        Gradient expected = gradient(plain, batch);
        Gradient actual = gradient(lean, batch);

        assertThat(actual.gradientForVariable().keySet())
                .containsExactlyElementsOf(expected.gradientForVariable().keySet());
        assertThat(actual.gradientForVariable()).containsKey("0_W");
        for (Map.Entry<String, INDArray> entry : expected.gradientForVariable().entrySet()) {
            INDArray gradient = actual.gradientForVariable().get(entry.getKey());
            assertThat(gradient.shape())
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue().shape());
            assertThat(relativeDifference(gradient, entry.getValue()))
                    .as(entry.getKey())
                    .isLessThan(1e-5);
        }
    }

    /**
     * A few steps only: the two weight gradients differ by float rounding (≈1e-9 relative after a LeNet step), and
     * sooner or later a ReLU or max-pool unit within rounding of its threshold takes the other branch in one of the
     * copies, after which Adam moves the two apart by up to a learning rate per parameter (measured here: LeNet-5
     * after its 3rd fixture batch, the cnn after its 4th, both at ≈2e-4 relative and growing). Same-length runs of
     * two plain DL4J copies are bit-identical.
     */
    private static void sameParametersAfterTraining(MultiLayerConfiguration configuration, int batches) {
        MultiLayerNetwork plain = network(configuration);
        MultiLayerNetwork lean = network(configuration);
        List<String> applied = TrainingAccelerations.apply(lean);
        assertThat(applied).contains(INSTALLED);
        assertThat(lean.getLayers()[0]).isInstanceOf(FirstConvolutionLayer.class);
        TrainingData data = FixtureData.train();

        for (int b = 0; b < batches; b++) {
            INDArray[] batch = batch(data, b * BATCH);
            plain.fit(batch[0], batch[1]);
            lean.fit(batch[0].dup(), batch[1].dup());
        }

        assertThat(relativeDifference(lean.getLayers()[0].params(), plain.getLayers()[0].params()))
                .isLessThan(1e-4);
        assertThat(relativeDifference(lean.params(), plain.params())).isLessThan(1e-4);
    }

    private static Gradient gradient(MultiLayerNetwork network, INDArray[] batch) {
        network.setInput(batch[0]);
        network.setLabels(batch[1]);
        network.computeGradientAndScore();
        Gradient gradient = network.gradient();
        // detached copies: the gradient views are reused by the next step
        Gradient copy = new DefaultGradient();
        gradient.gradientForVariable().forEach((key, value) -> copy.setGradientFor(key, value.dup()));
        return copy;
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.clone());
        network.init();
        return network;
    }

    /** {@code BATCH} real images from {@code from} on, [n,1,28,28], with one-hot labels. */
    private static INDArray[] batch(TrainingData data, int from) {
        float[] features = new float[BATCH * ImageGeometry.PIXELS];
        float[] labels = new float[BATCH * FashionLabels.COUNT];
        for (int i = 0; i < BATCH; i++) {
            byte[] image = data.images().get((from + i) % data.size());
            for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                features[i * ImageGeometry.PIXELS + p] = (image[p] & 0xFF) / 255f;
            }
            labels[i * FashionLabels.COUNT + data.labels()[(from + i) % data.size()]] = 1;
        }
        return new INDArray[] {
            Nd4j.create(features, new long[] {BATCH, 1, ImageGeometry.SIDE, ImageGeometry.SIDE}, 'c'),
            Nd4j.create(labels, new long[] {BATCH, FashionLabels.COUNT}, 'c')
        };
    }

    private static double relativeDifference(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        return a.sub(e).norm2Number().doubleValue() / Math.max(e.norm2Number().doubleValue(), 1e-12);
    }
}
