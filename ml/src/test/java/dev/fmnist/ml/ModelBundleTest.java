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
    void provenanceTravelsInTheFileAndFilesWithoutItOrAnEngineStillLoad() throws IOException {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(784)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        network.init();
        ModelBundle plain = new ModelBundle(
                network,
                new ModelMetadata(
                        "softmax",
                        InputLayout.FLAT,
                        Normalization.unitRange(),
                        FashionLabels.NAMES,
                        Map.of("seed", 5),
                        "deeplearning4j",
                        "CPU",
                        network.numParams()));
        ModelProvenance provenance = new ModelProvenance(
                "ds-1",
                "sha256:abc",
                "job-9",
                5L,
                new ModelProvenance.Metrics(100, 0.81, 0.8),
                new ModelProvenance.Metrics(500, 0.79, 0.78),
                java.time.Instant.parse("2026-12-02T02:00:00Z"));

        ModelBundle reloaded =
                ModelBundle.fromBytes(plain.withProvenance(provenance).toBytes());

        assertThat(reloaded.metadata().provenance()).isEqualTo(provenance);
        assertThat(reloaded.metadata().hyperParameters()).containsEntry("seed", 5);
        // a file written before engines and provenance: its metadata JSON has neither
        Map<String, byte[]> entries = dev.fmnist.ml.testing.ForgedBundles.read(plain.toBytes());
        @SuppressWarnings("unchecked")
        Map<String, Object> json =
                dev.fmnist.contracts.json.JsonCodec.fromBytes(entries.get(ModelBundle.METADATA_ENTRY), Map.class);
        json.remove("engine");
        json.remove("provenance");
        entries.put(ModelBundle.METADATA_ENTRY, dev.fmnist.contracts.json.JsonCodec.toBytes(json));
        ModelBundle old = ModelBundle.fromBytes(dev.fmnist.ml.testing.ForgedBundles.write(entries));
        assertThat(old.metadata().engine()).isNull();
        assertThat(old.metadata().engineOrDefault()).isEqualTo(ModelMetadata.DL4J_ENGINE);
        assertThat(old.metadata().provenance()).isNull();
        assertThat(old.classifier().predictProbabilities(randomImages(2)))
                .isDeepEqualTo(plain.classifier().predictProbabilities(randomImages(2)));
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
