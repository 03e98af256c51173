package dev.fmnist.inference.model;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.inference.support.TrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelActivatorTest {

    @TempDir
    Path temp;

    @Test
    void servesTheProductionModelFileAndKeepsTheOldOneWhenTheNewOneCannotBeLoaded() throws Exception {
        ServingModelHolder holder = new ServingModelHolder();
        ModelActivator activator = new ModelActivator(new ArtifactStore(temp.resolve("cache"), Duration.ofSeconds(5)),
                holder, Clock.systemUTC());
        TrainedModels.Trained first = TrainedModels.first();

        assertThat(activator.activate(Optional.of(first.event(ModelStatus.PRODUCTION))))
                .isEqualTo(ModelActivator.Change.SWAPPED);
        ServingModel serving = holder.current().orElseThrow();
        assertThat(serving.modelId()).isEqualTo(first.modelId());
        assertThat(serving.classifier().predictProbabilities(List.of(TrainedModels.testImages().images().get(0))))
                .isDeepEqualTo(first.bundle().classifier()
                        .predictProbabilities(List.of(TrainedModels.testImages().images().get(0))));
        assertThat(activator.activate(Optional.of(first.event(ModelStatus.PRODUCTION))))
                .isEqualTo(ModelActivator.Change.UNCHANGED);

        Path tampered = Files.write(temp.resolve("tampered.zip"), new byte[]{1, 2, 3});
        ModelEvent other = new ModelEvent("other", "fashion", 9, "mlp", ModelStatus.PRODUCTION, null, null, null,
                null, "ab".repeat(32), tampered.toUri().toString(), null, null);
        assertThatThrownBy(() -> activator.activate(Optional.of(other))).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("checksum mismatch");
        assertThat(holder.current()).containsSame(serving);

        assertThat(activator.activate(Optional.empty())).isEqualTo(ModelActivator.Change.CLEARED);
        assertThat(holder.current()).isEmpty();
    }
}
