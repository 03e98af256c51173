package dev.fmnist.ml;

import dev.fmnist.contracts.FashionLabels;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(784).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        original = new ModelBundle(network, new ModelMetadata("softmax", InputLayout.FLAT,
                Normalization.unitRange(), FashionLabels.NAMES, Map.of(), "deeplearning4j", "CPU",
                network.numParams()));
        bundle = original.toBytes();
    }

    @BeforeEach
    void armTrap() {
        Trap.deserialized = false;
    }

    @Test
    void anUntouchedBundleLoadsWithItsOwnPredictions() throws IOException {
        ModelBundle reloaded = ModelBundle.fromBytes(bundle);

        assertThat(reloaded.classifier().predictProbabilities(List.of(new byte[784])))
                .isDeepEqualTo(original.classifier().predictProbabilities(List.of(new byte[784])));
    }

    @Test
    void anExtraJavaSerializedEntryInTheNetworkIsRefusedWithoutBeingDeserialized() throws IOException {
        byte[] forged = editNetwork(entries -> entries.put("payload.bin", serialize(new Trap())));

        assertThatThrownBy(() -> ModelBundle.fromBytes(forged))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unexpected entry 'payload.bin'");
        assertThat(Trap.deserialized).as("the trap's readObject never ran").isFalse();
    }

    @Test
    void aPreprocessorOfAClassTheFilterDoesNotAllowIsRefusedBeforeAnInstanceExists() throws IOException {
        byte[] trap = editNetwork(entries -> entries.put("preprocessor.bin", serialize(new Trap())));
        HashMap<String, String> map = new HashMap<>(Map.of("a", "b"));
        byte[] hashMap = editNetwork(entries -> entries.put("preprocessor.bin", serialize(map)));

        assertThatThrownBy(() -> ModelBundle.fromBytes(trap))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("serialization filter")
                .hasMessageContaining(Trap.class.getName() + " is not allowed");
        assertThat(Trap.deserialized).as("the trap's readObject never ran").isFalse();
        assertThatThrownBy(() -> ModelBundle.fromBytes(hashMap))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("java.util.HashMap is not allowed");
    }

    @Test
    void dl4jsOwnPixelScalerIsAllowedAsPreprocessor() throws IOException {
        byte[] withScaler = editNetwork(entries -> entries.put("preprocessor.bin",
                serialize(new ImagePreProcessingScaler(0, 1))));

        ModelBundle reloaded = ModelBundle.fromBytes(withScaler);

        assertThat(reloaded.classifier().predictProbabilities(List.of(new byte[784])))
                .isDeepEqualTo(original.classifier().predictProbabilities(List.of(new byte[784])));
    }

    @Test
    void javaSerializedDataWhereADl4jPartBelongsIsRefused() throws IOException {
        byte[] forged = editNetwork(entries -> entries.put("coefficients.bin", serialize(new Trap())));
        byte[] forgedMetadata = rewrite(readZip(bundle), outer -> outer.put(ModelBundle.METADATA_ENTRY,
                serialize(new Trap())));

        assertThatThrownBy(() -> ModelBundle.fromBytes(forged))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("coefficients.bin holds Java-serialized data");
        assertThatThrownBy(() -> ModelBundle.fromBytes(forgedMetadata))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining(ModelBundle.METADATA_ENTRY + " holds Java-serialized data");
        assertThat(Trap.deserialized).isFalse();
    }

    @Test
    void anUnknownEntryBesideTheBundlesOwnIsRefused() throws IOException {
        byte[] forged = rewrite(readZip(bundle), outer -> outer.put("../../etc/cron.d/x", new byte[]{1}));

        assertThatThrownBy(() -> ModelBundle.fromBytes(forged))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unexpected entry '../../etc/cron.d/x'");
    }

    @Test
    void aFileThatUnpacksToMoreThanTheLimitIsRefusedWhileUnpacking() throws IOException {
        byte[] bomb = editNetwork(entries -> entries.put("updaterState.bin", new byte[32 * 1024 * 1024]));
        assertThat(bomb.length).as("the compressed file is small").isLessThan(1024 * 1024);

        assertThatThrownBy(() -> ModelBundle.readFrom(new ByteArrayInputStream(bomb), 8L * 1024 * 1024))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unpacks to more than 8388608 bytes");
        assertThat(ModelBundle.readFrom(new ByteArrayInputStream(bundle), 8L * 1024 * 1024)).isNotNull();
    }

    /** A class whose deserialization would show: its {@code readObject} sets a flag. */
    static final class Trap implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            deserialized = true;
            in.defaultReadObject();
        }
    }

    private static byte[] editNetwork(Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> outer = readZip(bundle);
        Map<String, byte[]> network = readZip(outer.get(ModelBundle.NETWORK_ENTRY));
        edit.accept(network);
        outer.put(ModelBundle.NETWORK_ENTRY, zip(network));
        return zip(outer);
    }

    private static byte[] rewrite(Map<String, byte[]> entries, Consumer<Map<String, byte[]>> edit) throws IOException {
        edit.accept(entries);
        return zip(entries);
    }

    private static Map<String, byte[]> readZip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
