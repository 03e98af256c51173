package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Records what is stored, as the table would hold it. */
    private static final class RecordingStore implements ModelStore {
        final List<RegisteredModel> stored = new ArrayList<>();

        @Override
        public void upsert(RegisteredModel model) {
            stored.add(model);
        }

        @Override
        public List<RegisteredModel> loadAll() {
            return List.of(model("restored", ModelStatus.PRODUCTION, T0));
        }
    }

    private static RegisteredModel model(String id, ModelStatus status, Instant at) {
        return new RegisteredModel(id, "net", 1, "mlp", status, 0.8, at);
    }

    @Test
    void theNewestEventWinsAndALateOlderOneIsNeitherAppliedNorStored() {
        RecordingStore store = new RecordingStore();
        ModelRegistry registry = new ModelRegistry(store);

        assertThat(registry.apply(model("m", ModelStatus.REGISTERED, T0))).isTrue();
        assertThat(registry.apply(model("m", ModelStatus.ARCHIVED, T0.plusSeconds(2))))
                .isTrue();
        assertThat(registry.apply(model("m", ModelStatus.PRODUCTION, T0.plusSeconds(1))))
                .isFalse();

        assertThat(registry.get("m")).get().extracting(RegisteredModel::status).isEqualTo(ModelStatus.ARCHIVED);
        assertThat(store.stored)
                .extracting(RegisteredModel::status)
                .containsExactly(ModelStatus.REGISTERED, ModelStatus.ARCHIVED);
    }

    @Test
    void startsFromTheStoredStateAndListsTheProductionModelFirst() {
        ModelRegistry registry = new ModelRegistry(new RecordingStore());
        registry.apply(model("a-first-by-id", ModelStatus.REGISTERED, T0));

        assertThat(registry.all()).extracting(RegisteredModel::modelId).containsExactly("restored", "a-first-by-id");
    }

    @Test
    void readsTheRegisteredTestAccuracyAndFallsBackToTheRecordTimeWithoutATimestamp() {
        ModelEvent event = new ModelEvent(
                "m",
                "net",
                2,
                "cnn",
                ModelStatus.REGISTERED,
                null,
                Map.of("testAccuracy", 0.9125),
                "ds",
                "job",
                null,
                null,
                null,
                null);

        RegisteredModel model = RegisteredModel.of(event, T0);

        assertThat(model.testAccuracy()).isEqualTo(0.9125);
        assertThat(model.statusChangedAt()).isEqualTo(T0);
        assertThat(RegisteredModel.of(
                                new ModelEvent(
                                        "m",
                                        null,
                                        1,
                                        null,
                                        ModelStatus.ARCHIVED,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        T0),
                                T0)
                        .testAccuracy())
                .isNull();
    }
}
