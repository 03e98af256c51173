package dev.fmnist.ml.acceleration;

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
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first convolution without the image gradient computes the parameter gradients DL4J's own layer computes, on
 * real fixture images: for LeNet-5 (ReLU, explicit padding, bias) and the cnn (identity, "same" padding, no bias).
 */
class FirstConvolutionLayerTest {

    private static final int BATCH = Networks.BATCH;
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
        sameGradients(Networks.narrowCnn());
    }

    @Test
    void leNetTrainedWithTheFirstConvolutionEndsWithDl4jsParameters() {
        sameParametersAfterTraining(leNet(), 2);
    }

    @Test
    void theCnnTrainedWithTheFirstConvolutionEndsWithDl4jsParameters() {
        sameParametersAfterTraining(Networks.narrowCnn(), 3);
    }

    private static MultiLayerConfiguration leNet() {
        return TrainingSpec.of("lenet5", 1, BATCH, 1e-3, 7L, Map.of(), 0)
                .resolve(1000)
                .configuration();
    }

    private static void sameGradients(MultiLayerConfiguration configuration) {
        MultiLayerNetwork plain = Networks.network(configuration);
        MultiLayerNetwork lean = Networks.network(configuration);
        LayerHelper helper = lean.getLayers()[0].getHelper();
        assertThat(TrainingAccelerations.apply(lean)).contains(INSTALLED);
        assertThat(lean.getLayers()[0]).isInstanceOf(FirstConvolutionLayer.class);
        // the forward pass keeps DL4J's oneDNN helper
        assertThat(lean.getLayers()[0].getHelper()).isSameAs(helper);
        if (Dl4jRuntime.oneDnnEnabled()) {
            assertThat(helper).isNotNull();
        }
        INDArray[] batch = Networks.batch(FixtureData.train(), 0, true);

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
            assertThat(Networks.relativeDifference(gradient, entry.getValue()))
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
        MultiLayerNetwork plain = Networks.network(configuration);
        MultiLayerNetwork lean = Networks.network(configuration);
        List<String> applied = TrainingAccelerations.apply(lean);
        assertThat(applied).contains(INSTALLED);
        assertThat(lean.getLayers()[0]).isInstanceOf(FirstConvolutionLayer.class);
        TrainingData data = FixtureData.train();

        for (int b = 0; b < batches; b++) {
            INDArray[] batch = Networks.batch(data, b * BATCH, true);
            plain.fit(batch[0], batch[1]);
            lean.fit(batch[0].dup(), batch[1].dup());
        }

        assertThat(Networks.relativeDifference(lean.getLayers()[0].params(), plain.getLayers()[0].params()))
                .isLessThan(1e-4);
        assertThat(Networks.relativeDifference(lean.params(), plain.params())).isLessThan(1e-4);
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
}
