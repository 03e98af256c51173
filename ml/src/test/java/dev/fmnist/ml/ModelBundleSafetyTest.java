package dev.fmnist.ml;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.ml.engine.PcaTreeModel;
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

    @Test
    void aTreeBundleLoadsButNotWithANetworksEntriesNorUnderANetworksMetadata() throws IOException {
        byte[] tree = treeBundle().toBytes();
        assertThat(ModelBundle.fromBytes(tree).classifier().predictProbabilities(List.of(new byte[784]))[0][3])
                .isEqualTo(0.75);

        byte[] withNetwork = ForgedBundles.write(with(
                ForgedBundles.read(tree),
                ModelBundle.NETWORK_ENTRY,
                ForgedBundles.read(bundle).get(ModelBundle.NETWORK_ENTRY)));
        Map<String, byte[]> networkMetadata = ForgedBundles.read(tree);
        networkMetadata.put(
                ModelBundle.METADATA_ENTRY, ForgedBundles.read(bundle).get(ModelBundle.METADATA_ENTRY));
        byte[] networkWithTreeEntries = ForgedBundles.write(with(
                ForgedBundles.read(bundle),
                PcaTreeModel.TREE_ENTRY,
                ForgedBundles.read(tree).get(PcaTreeModel.TREE_ENTRY)));

        assertThatThrownBy(() -> ModelBundle.fromBytes(withNetwork))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("a pca-tree model may not hold the entry 'network.zip'");
        assertThatThrownBy(() -> ModelBundle.fromBytes(ForgedBundles.write(networkMetadata)))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("a deeplearning4j model may not hold the entry 'pca.bin'");
        assertThatThrownBy(() -> ModelBundle.fromBytes(networkWithTreeEntries))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("a deeplearning4j model may not hold the entry 'tree.bin'");
    }

    @Test
    void javaSerializedOrForgedTreeEntriesAreRefused() throws IOException {
        byte[] tree = treeBundle().toBytes();
        byte[] serialized = ForgedBundles.write(with(
                ForgedBundles.read(tree), PcaTreeModel.TREE_ENTRY, ForgedBundles.serialize(new SerializationTrap())));
        byte[] treeEntry = ForgedBundles.read(tree).get(PcaTreeModel.TREE_ENTRY);
        // the root names itself as its child: a loop
        byte[] loop = treeEntry.clone();
        java.nio.ByteBuffer.wrap(loop).putInt(20 + 1 + 4 + 8, 0);
        // claims four million nodes in a few bytes
        byte[] huge = treeEntry.clone();
        java.nio.ByteBuffer.wrap(huge).putInt(16, PcaTreeModel.MAX_NODES);
        byte[] trailing = java.util.Arrays.copyOf(treeEntry, treeEntry.length + 1);

        assertThatThrownBy(() -> ModelBundle.fromBytes(serialized))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("tree.bin holds Java-serialized data");
        assertThat(SerializationTrap.deserialized).isFalse();
        assertThatThrownBy(() -> ModelBundle.fromBytes(
                        ForgedBundles.write(with(ForgedBundles.read(tree), PcaTreeModel.TREE_ENTRY, loop))))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("out of place");
        assertThatThrownBy(() -> ModelBundle.fromBytes(
                        ForgedBundles.write(with(ForgedBundles.read(tree), PcaTreeModel.TREE_ENTRY, huge))))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("too short for 4194304 nodes");
        assertThatThrownBy(() -> ModelBundle.fromBytes(
                        ForgedBundles.write(with(ForgedBundles.read(tree), PcaTreeModel.TREE_ENTRY, trailing))))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("bytes after its last node");
    }

    @Test
    void anOversizedTreeEntryIsRefusedWhileUnpacking() throws IOException {
        byte[] bomb = ForgedBundles.write(
                with(ForgedBundles.read(treeBundle().toBytes()), PcaTreeModel.PCA_ENTRY, new byte[32 * 1024 * 1024]));
        assertThat(bomb.length).as("the compressed file is small").isLessThan(1024 * 1024);

        assertThatThrownBy(() -> ModelBundle.readFrom(new ByteArrayInputStream(bomb), 8L * 1024 * 1024))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("unpacks to more than 8388608 bytes");
    }

    /** A one-split tree over one component (pixel 0): at or below 0 → class 3 (0.75) or 5; above → class 1. */
    static ModelBundle treeBundle() {
        double[] axis = new double[784];
        axis[0] = 1;
        double[] low = new double[10];
        low[3] = 0.75;
        low[5] = 0.25;
        double[] high = new double[10];
        high[1] = 1;
        return new ModelBundle(new PcaTreeModel(
                new ModelMetadata(
                        "pca-tree",
                        InputLayout.FLAT,
                        Normalization.unitRange(),
                        FashionLabels.NAMES,
                        Map.of(),
                        "tribuo",
                        "CPU",
                        PcaTreeModel.parameterCount(1, 3),
                        ModelMetadata.TREE_ENGINE,
                        null),
                new double[784],
                new double[][] {axis},
                new int[] {0, -1, -1},
                new double[] {0.5, 0, 0},
                new int[] {1, 0, 0},
                new int[] {2, 0, 0},
                new double[][] {null, low, high}));
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        entries.put(name, content);
        return entries;
    }
}
