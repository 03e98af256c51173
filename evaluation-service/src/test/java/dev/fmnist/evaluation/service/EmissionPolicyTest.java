package dev.fmnist.evaluation.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmissionPolicyTest {

    private final EmissionPolicy policy = new EmissionPolicy(100, Duration.ofSeconds(5), Duration.ofSeconds(1));
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void nothingUnpublishedIsNeverDue() {
        assertThat(policy.due(0, null, null, t0.plusSeconds(3600))).isNull();
    }

    @Test
    void dueAfterNNewPredictions() {
        assertThat(policy.due(99, t0, t0, t0)).isNull();
        assertThat(policy.due(100, t0, t0, t0)).isEqualTo(EmissionPolicy.Reason.COUNT);
    }

    @Test
    void dueTAfterTheFirstUnpublishedChangeEvenWhilePredictionsKeepComing() {
        Instant lastChange = t0.plusMillis(4900);
        assertThat(policy.due(50, t0, lastChange, t0.plusMillis(4999))).isNull();
        assertThat(policy.due(50, t0, lastChange, t0.plusSeconds(5))).isEqualTo(EmissionPolicy.Reason.MAX_DELAY);
    }

    @Test
    void dueWhenTheStreamGoesQuiet() {
        assertThat(policy.due(3, t0, t0.plusMillis(500), t0.plusMillis(1499))).isNull();
        assertThat(policy.due(3, t0, t0.plusMillis(500), t0.plusMillis(1500))).isEqualTo(EmissionPolicy.Reason.QUIET);
    }

    @Test
    void refusesSettingsThatCouldNeverEmit() {
        assertThatThrownBy(() -> new EmissionPolicy(0, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmissionPolicy(10, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
