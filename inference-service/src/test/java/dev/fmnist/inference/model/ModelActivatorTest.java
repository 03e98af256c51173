package dev.fmnist.inference.model;

import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.inference.support.StandInRegistry;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.ml.testing.ForgedBundles;
import dev.fmnist.ml.testing.SerializationTrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Activation against a stand-in registry on real HTTP, with real DL4J model files: only what the registry records,
 * verified against the registry's own checksum, within the size cap, and never a file with Java-serialized parts.
 */
class ModelActivatorTest {

    @TempDir
    Path temp;

    private StandInRegistry registry;
    private ServingModelHolder holder;
    private ModelActivator activator;
    private TrainedModels.Trained first;

    @BeforeEach
    void start() {
        registry = StandInRegistry.start();
        holder = new ServingModelHolder();
        activator = activator(200L * 1024 * 1024);
        first = TrainedModels.first();
        SerializationTrap.deserialized = false;
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void servesTheRegistrysProductionModelAndKeepsTheOldOneWhenTheNewOneCannotBeLoaded() throws Exception {
        registry.register(first, ModelStatus.PRODUCTION);

        assertThat(activator.activate(production())).isEqualTo(ModelActivator.Change.SWAPPED);
        ServingModel serving = holder.current().orElseThrow();
        assertThat(serving.modelId()).isEqualTo(first.modelId());
        assertThat(serving.artifactSha256()).isEqualTo(first.sha256());
        assertThat(serving.classifier()
                        .predictProbabilities(
                                List.of(TrainedModels.testImages().images().get(0))))
                .isDeepEqualTo(first.bundle()
                        .classifier()
                        .predictProbabilities(
                                List.of(TrainedModels.testImages().images().get(0))));
        assertThat(activator.activate(production())).isEqualTo(ModelActivator.Change.UNCHANGED);
        assertThat(registry.downloads(first.modelId())).isEqualTo(1);

        byte[] garbage = {1, 2, 3};
        registry.register("broken", 9, "mlp", ModelStatus.PRODUCTION, sha256(garbage), garbage);
        registry.promote("broken");
        assertThatThrownBy(() -> activator.activate(production()))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("not a loadable model file");
        assertThat(holder.current()).containsSame(serving);

        assertThat(activator.activate(Optional.empty())).isEqualTo(ModelActivator.Change.CLEARED);
        assertThat(holder.current()).isEmpty();
    }

    @Test
    void aFileWhoseChecksumDiffersFromTheRegistrysRecordIsRefused() throws Exception {
        registry.register(first, ModelStatus.PRODUCTION);
        activator.activate(production());
        ServingModel serving = holder.current().orElseThrow();
        TrainedModels.Trained second = TrainedModels.second();
        // the registry recorded the second model's checksum, but the file it hands out is another one
        registry.register("swapped-file", 5, "softmax", ModelStatus.PRODUCTION, second.sha256(), first.bytes());
        registry.promote("swapped-file");

        assertThatThrownBy(() -> activator.activate(production()))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("the registry records SHA-256 " + second.sha256());
        assertThat(holder.current()).containsSame(serving);
    }

    @Test
    void aModelFileWithAJavaSerializedEntryIsRefusedWithoutDeserializingIt() throws Exception {
        byte[] extraEntry = ForgedBundles.editNetwork(
                first.bytes(), entries -> entries.put("payload.bin", ForgedBundles.serialize(new SerializationTrap())));
        byte[] trapPreprocessor = ForgedBundles.editNetwork(
                first.bytes(),
                entries -> entries.put("preprocessor.bin", ForgedBundles.serialize(new SerializationTrap())));
        // the registry itself hands these out with their true checksums: nothing but the reader stops them
        registry.register("extra-entry", 3, "mlp", ModelStatus.PRODUCTION, sha256(extraEntry), extraEntry);

        assertThatThrownBy(() -> activator.activate(production()))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("unexpected entry 'payload.bin'");
        registry.register(
                "trap-preprocessor", 4, "mlp", ModelStatus.PRODUCTION, sha256(trapPreprocessor), trapPreprocessor);
        registry.promote("trap-preprocessor");
        assertThatThrownBy(() -> activator.activate(production()))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("serialization filter")
                .hasMessageContaining(SerializationTrap.class.getName() + " is not allowed");

        assertThat(SerializationTrap.deserialized)
                .as("the trap's readObject never ran")
                .isFalse();
        assertThat(holder.current()).isEmpty();
    }

    @Test
    void aModelFileOverTheSizeCapIsRefused() throws Exception {
        ModelActivator capped = activator(1024);
        registry.register(first, ModelStatus.PRODUCTION);

        assertThatThrownBy(() -> capped.activate(production()))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("more than the limit of 1024");
        assertThat(registry.downloads(first.modelId()))
                .as("refused on the registry's recorded size")
                .isZero();

        // a registry that records no size: the download itself stops at the cap
        registry.register("no-size", 2, "mlp", ModelStatus.PRODUCTION, first.sha256(), first.bytes());
        registry.promote("no-size");
        RegistryRecord unsized = withoutSize(production().orElseThrow());
        assertThatThrownBy(() -> capped.activate(Optional.of(unsized)))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("more than the limit of 1024 bytes");
        assertThat(holder.current()).isEmpty();
        assertThat(temp.resolve("cache")).isEmptyDirectory();
    }

    private ModelActivator activator(long maxBytes) {
        RegistryClient client = new RegistryClient(registry.baseUrl(), Duration.ofSeconds(5));
        return new ModelActivator(
                client,
                new ArtifactStore(temp.resolve("cache"), Duration.ofSeconds(10), maxBytes),
                holder,
                Clock.systemUTC(),
                512L * 1024 * 1024);
    }

    private Optional<RegistryRecord> production() throws RegistryUnavailableException {
        return new RegistryClient(registry.baseUrl(), Duration.ofSeconds(5)).production();
    }

    private static RegistryRecord withoutSize(RegistryRecord record) {
        return new RegistryRecord(
                record.modelId(),
                record.name(),
                record.version(),
                record.architecture(),
                record.status(),
                record.artifactSha256(),
                0);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
