package dev.fmnist.ingest.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented defaults of the keys this slice added. */
class IngestConfigTest {

    @Test
    void theAllowedRootsDefaultToTheDataFolderAndDebiansDatasetFolder() {
        IngestConfig config = config(Map.of());
        assertThat(config.allowedRoots())
                .containsExactly(
                        Path.of("/usr/share/datasets/fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(config.png().maxFileSize().asLongValue()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void theDefaultRootsFollowTheDataFolder() {
        IngestConfig config = config(Map.of("fmnist.ingest.data-dir", "/data/fashion-mnist"));
        assertThat(config.allowedRoots())
                .containsExactly(Path.of("/data/fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));
    }

    @Test
    void explicitRootsAndLimitReplaceTheDefaults() {
        IngestConfig config = config(
                Map.of("fmnist.ingest.allowed-roots", "/srv/a,/srv/b", "fmnist.ingest.png.max-file-size", "512K"));
        assertThat(config.allowedRoots()).containsExactly(Path.of("/srv/a"), Path.of("/srv/b"));
        assertThat(config.png().maxFileSize().asLongValue()).isEqualTo(512L * 1024);
    }

    private static IngestConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withDefaultValue("java.io.tmpdir", System.getProperty("java.io.tmpdir"))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(IngestConfig.class)
                .build();
        return config.getConfigMapping(IngestConfig.class);
    }
}
