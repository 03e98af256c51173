package dev.fmnist.ml;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.ml.testing.ForgedBundles;
import dev.fmnist.ml.testing.SerializationTrap;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model file is checked before DL4J sees it: a forged file cannot make the reader deserialize a class of its
 * choosing, nor unpack without bound.
 */
class ModelBundleSafetyTest {

    private static byte[] bundle;
    private static ModelBundle original;

    @BeforeAll
    static void trainNothingJustBuild() {
        Dl4jRuntime.initialise();
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
        original = new ModelBundle(
                network,
                new ModelMetadata(
                        "softmax",
                        InputLayout.FLAT,
                        Normalization.unitRange(),
                        FashionLabels.NAMES,
                        Map.of(),
                        "deeplearning4j",
                        "CPU",
                        network.numParams()));
        bundle = original.toBytes();
    }

    @BeforeEach
    void armTrap() {
        SerializationTrap.deserialized = false;
    }

    @Test
    void anUntouchedBundleLoadsWithItsOwnPredictions() throws IOException {
        ModelBundle reloaded = ModelBundle.fromBytes(bundle);

        assertThat(reloaded.classifier().predictProbabilities(List.of(new byte[784])))
                .isDeepEqualTo(original.classifier().predictProbabilities(List.of(new byte[784])));
    }

    @Test
    void anExtraJavaSerializedEntryInTheNetworkIsRefusedWithoutBeingDeserialized() throws IOException {
        byte[] forged = ForgedBundles.editNetwork(
                bundle, entries -> entries.put("payload.bin", ForgedBundles.serialize(new SerializationTrap())));

        assertThatThrownBy(() -> ModelBundle.fromBytes(forged))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unexpected entry 'payload.bin'");
        assertThat(SerializationTrap.deserialized)
                .as("the trap's readObject never ran")
                .isFalse();
    }

    @Test
    void aPreprocessorOfAClassTheFilterDoesNotAllowIsRefusedBeforeAnInstanceExists() throws IOException {
        byte[] trap = ForgedBundles.editNetwork(
                bundle, entries -> entries.put("preprocessor.bin", ForgedBundles.serialize(new SerializationTrap())));
        HashMap<String, String> map = new HashMap<>(Map.of("a", "b"));
        byte[] hashMap = ForgedBundles.editNetwork(
                bundle, entries -> entries.put("preprocessor.bin", ForgedBundles.serialize(map)));

        assertThatThrownBy(() -> ModelBundle.fromBytes(trap))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("serialization filter")
                .hasMessageContaining(SerializationTrap.class.getName() + " is not allowed");
        assertThat(SerializationTrap.deserialized)
                .as("the trap's readObject never ran")
                .isFalse();
        assertThatThrownBy(() -> ModelBundle.fromBytes(hashMap))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("java.util.HashMap is not allowed");
    }

    @Test
    void dl4jsOwnPixelScalerIsAllowedAsPreprocessor() throws IOException {
        byte[] withScaler = ForgedBundles.editNetwork(
                bundle,
                entries ->
                        entries.put("preprocessor.bin", ForgedBundles.serialize(new ImagePreProcessingScaler(0, 1))));

        ModelBundle reloaded = ModelBundle.fromBytes(withScaler);

        assertThat(reloaded.classifier().predictProbabilities(List.of(new byte[784])))
                .isDeepEqualTo(original.classifier().predictProbabilities(List.of(new byte[784])));
    }

    @Test
    void javaSerializedDataWhereADl4jPartBelongsIsRefused() throws IOException {
        byte[] forged = ForgedBundles.editNetwork(
                bundle, entries -> entries.put("coefficients.bin", ForgedBundles.serialize(new SerializationTrap())));
        byte[] forgedMetadata = ForgedBundles.write(with(
                ForgedBundles.read(bundle),
                ModelBundle.METADATA_ENTRY,
                ForgedBundles.serialize(new SerializationTrap())));

        assertThatThrownBy(() -> ModelBundle.fromBytes(forged))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("coefficients.bin holds Java-serialized data");
        assertThatThrownBy(() -> ModelBundle.fromBytes(forgedMetadata))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining(ModelBundle.METADATA_ENTRY + " holds Java-serialized data");
        assertThat(SerializationTrap.deserialized).isFalse();
    }

    @Test
    void anUnknownEntryBesideTheBundlesOwnIsRefused() throws IOException {
        byte[] forged = ForgedBundles.write(with(ForgedBundles.read(bundle), "../../etc/cron.d/x", new byte[] {1}));

        assertThatThrownBy(() -> ModelBundle.fromBytes(forged))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unexpected entry '../../etc/cron.d/x'");
    }

    @Test
    void aFileThatUnpacksToMoreThanTheLimitIsRefusedWhileUnpacking() throws IOException {
        byte[] bomb = ForgedBundles.editNetwork(
                bundle, entries -> entries.put("updaterState.bin", new byte[32 * 1024 * 1024]));
        assertThat(bomb.length).as("the compressed file is small").isLessThan(1024 * 1024);

        assertThatThrownBy(() -> ModelBundle.readFrom(new ByteArrayInputStream(bomb), 8L * 1024 * 1024))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unpacks to more than 8388608 bytes");
        assertThat(ModelBundle.readFrom(new ByteArrayInputStream(bundle), 8L * 1024 * 1024))
                .isNotNull();
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        entries.put(name, content);
        return entries;
    }
}
