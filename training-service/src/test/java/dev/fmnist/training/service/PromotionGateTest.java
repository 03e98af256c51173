package dev.fmnist.training.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionGateTest {

    private final PromotionGate gate = new PromotionGate(0.01);

    @Test
    void theFirstModelGoesToProduction() {
        assertThat(gate.decide(0.5, false, null).promote()).isTrue();
        assertThat(gate.decide(null, false, null).promote()).isTrue();
    }

    @Test
    void aNewModelMustBeatProductionByTheMarginOnTheSameSplit() {
        assertThat(gate.decide(0.91, true, 0.90).promote()).isTrue();
        assertThat(gate.decide(0.905, true, 0.90).promote()).isFalse();
        assertThat(gate.decide(0.80, true, 0.90).reason()).contains("kept out of production");
    }

    @Test
    void withoutComparableFiguresProductionStays() {
        assertThat(gate.decide(null, true, 0.9).promote()).isFalse();
        assertThat(gate.decide(0.99, true, null).promote()).isFalse();
    }
}
