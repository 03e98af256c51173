package dev.fmnist.inference.model;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.fmnist.contracts.ModelStatus.ARCHIVED;
import static dev.fmnist.contracts.ModelStatus.PRODUCTION;
import static dev.fmnist.contracts.ModelStatus.REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;

class ProductionRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ProductionRegistry registry = new ProductionRegistry();

    @Test
    void nothingIsProductionUntilAModelIsPromoted() {
        assertThat(registry.production()).isEmpty();
        registry.apply(event("a", 1, REGISTERED, 1), null);
        assertThat(registry.production()).isEmpty();
        registry.apply(event("a", 1, PRODUCTION, 2), null);
        assertThat(registry.production()).map(ModelEvent::modelId).contains("a");
    }

    @Test
    void aLaterPromotionSupersedesTheEarlierProductionModelEvenBeforeItsArchivedEvent() {
        registry.apply(event("a", 1, PRODUCTION, 1), null);
        registry.apply(event("b", 2, PRODUCTION, 2), null);
        assertThat(registry.production()).map(ModelEvent::modelId).contains("b");
        registry.apply(event("a", 1, ARCHIVED, 3), null);
        assertThat(registry.production()).map(ModelEvent::modelId).contains("b");
    }

    @Test
    void promotionsAreOrderedByTheirTimestampNotByReadingOrder() {
        registry.apply(event("b", 2, PRODUCTION, 5), null);
        registry.apply(event("a", 1, PRODUCTION, 1), null);
        assertThat(registry.production()).map(ModelEvent::modelId).contains("b");
    }

    @Test
    void archivingTheOnlyProductionModelLeavesNone() {
        registry.apply(event("a", 1, PRODUCTION, 1), null);
        registry.apply(event("a", 1, ARCHIVED, 2), null);
        assertThat(registry.production()).isEmpty();
    }

    @Test
    void archivingTheNewestFallsBackToAnOlderModelThatIsStillProduction() {
        registry.apply(event("a", 1, PRODUCTION, 1), null);
        registry.apply(event("b", 2, PRODUCTION, 2), null);
        registry.apply(event("b", 2, ARCHIVED, 3), null);
        assertThat(registry.production()).map(ModelEvent::modelId).contains("a");
    }

    @Test
    void aStatusChangeWithoutArtifactFieldsKeepsThoseOfTheModelsEarlierEvents() {
        registry.apply(new ModelEvent("a", "fashion", 1, "mlp", REGISTERED, null, null, null, null, "ab12",
                "http://training/models/a/artifact", null, T0), null);
        registry.apply(new ModelEvent("a", "fashion", 1, "mlp", PRODUCTION, REGISTERED, null, null, null, null, null,
                "gate passed", T0.plusSeconds(1)), null);
        assertThat(registry.production()).hasValueSatisfying(event -> {
            assertThat(event.artifactSha256()).isEqualTo("ab12");
            assertThat(event.artifactUrl()).isEqualTo("http://training/models/a/artifact");
            assertThat(event.reason()).isEqualTo("gate passed");
        });
    }

    @Test
    void theRecordTimestampStandsInForAMissingEventTimestamp() {
        registry.apply(withoutTimestamp("b", PRODUCTION), T0.plusSeconds(10));
        registry.apply(withoutTimestamp("a", PRODUCTION), T0.plusSeconds(5));
        assertThat(registry.production()).map(ModelEvent::modelId).contains("b");
    }

    private static ModelEvent event(String id, int version, ModelStatus status, int second) {
        return new ModelEvent(id, "fashion", version, "mlp", status, null, null, null, null, "sha-" + id,
                "file:/models/" + id, null, T0.plusSeconds(second));
    }

    private static ModelEvent withoutTimestamp(String id, ModelStatus status) {
        return new ModelEvent(id, "fashion", 1, "mlp", status, null, null, null, null, "sha-" + id,
                "file:/models/" + id, null, null);
    }
}
