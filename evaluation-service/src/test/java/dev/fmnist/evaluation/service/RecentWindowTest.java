package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.RecentMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecentWindowTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void emptyWindowHasNoFigures() {
        assertThat(new RecentWindow(3).metrics()).isNull();
    }

    @Test
    void keepsOnlyTheLastWPredictions() {
        RecentWindow window = new RecentWindow(3);
        window.add(0, 1, t0); // wrong, will leave the window
        window.add(2, 2, t0.plusSeconds(1));
        window.add(3, 3, t0.plusSeconds(2));
        window.add(4, 5, t0.plusSeconds(3)); // wrong
        RecentMetrics metrics = window.metrics();

        assertThat(metrics.capacity()).isEqualTo(3);
        assertThat(metrics.count()).isEqualTo(3);
        assertThat(metrics.accuracy()).isEqualTo(2.0 / 3);
        assertThat(metrics.confusionMatrix()[0][1]).isZero();
        assertThat(metrics.confusionMatrix()[2][2]).isEqualTo(1);
        assertThat(metrics.confusionMatrix()[3][3]).isEqualTo(1);
        assertThat(metrics.confusionMatrix()[4][5]).isEqualTo(1);
        assertThat(metrics.window().start()).isEqualTo(t0.plusSeconds(1));
        assertThat(metrics.window().end()).isEqualTo(t0.plusSeconds(3));
        // classes 2 and 3: F1 1; classes 4 and 5: F1 0 -> (1 + 1) / 10
        assertThat(metrics.macroF1()).isEqualTo(0.2);
    }
}
