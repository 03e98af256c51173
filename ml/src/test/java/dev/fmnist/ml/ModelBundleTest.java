package dev.fmnist.ml;

import dev.fmnist.contracts.FashionLabels;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelBundleTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.initialise();
    }

    @Test
    void savedBundleReloadsWithItsMetadataAndGivesIdenticalPredictions() throws IOException {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(784)
                        .nOut(16)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        network.init();
        ModelMetadata metadata = new ModelMetadata(
                "mlp",
                InputLayout.FLAT,
                Normalization.standardised(),
                FashionLabels.NAMES,
                Map.of("hiddenLayers", List.of(16)),
                "deeplearning4j",
                "CPU",
                network.numParams());
        List<byte[]> images = randomImages(5);

        ModelBundle reloaded = ModelBundle.fromBytes(new ModelBundle(network, metadata).toBytes());

        assertThat(reloaded.metadata()).isEqualTo(metadata);
        double[][] before = new ModelBundle(network, metadata).classifier().predictProbabilities(images);
        double[][] after = reloaded.classifier().predictProbabilities(images);
        assertThat(after).isDeepEqualTo(before);
        for (double[] row : after) {
            assertThat(row).hasSize(10);
            assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void somethingElseIsNotABundle() {
        assertThatThrownBy(() -> ModelBundle.fromBytes("not a zip".getBytes()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a model bundle");
    }

    @Test
    void normalisationIsAppliedFromTheModelsOwnSettings() {
        assertThat(Normalization.unitRange().apply(255)).isEqualTo(1.0f);
        assertThat(Normalization.standardised().apply(0)).isCloseTo((float) (-0.2860 / 0.3530), within(1e-6f));
    }

    private static List<byte[]> randomImages(int n) {
        Random random = new Random(1);
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> {
                    byte[] pixels = new byte[784];
                    random.nextBytes(pixels);
                    return pixels;
                })
                .toList();
    }
}
