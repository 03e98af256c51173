package dev.fmnist.contracts.metrics;

import dev.fmnist.contracts.ClassMetrics;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfusionMatrixTest {

    /**
     * Hand-made set: class 0: 3 images, 2 right, 1 predicted as 1; class 1: 2 images, both right;
     * class 2: 1 image, predicted as 0; class 9 never present; classes 3..9 never predicted.
     * The expected figures below are worked out by hand.
     */
    private static ConfusionMatrix handMade() {
        ConfusionMatrix m = new ConfusionMatrix();
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        m.add(1, 1);
        m.add(2, 0);
        return m;
    }

    @Test
    void accuracyIsTraceOverCount() {
        assertThat(handMade().total()).isEqualTo(6);
        assertThat(handMade().accuracy()).isEqualTo(4.0 / 6.0);
    }

    @Test
    void perClassFiguresFollowTheContract() {
        ConfusionMatrix m = handMade();
        // class 0: TP 2, predicted 3 (2 + the class-2 image), support 3
        assertThat(m.precision(0)).isEqualTo(2.0 / 3.0);
        assertThat(m.recall(0)).isEqualTo(2.0 / 3.0);
        assertThat(m.f1(0)).isCloseTo(2.0 / 3.0, within(1e-12));
        // class 1: TP 2, predicted 3, support 2
        assertThat(m.precision(1)).isEqualTo(2.0 / 3.0);
        assertThat(m.recall(1)).isEqualTo(1.0);
        assertThat(m.f1(1)).isCloseTo(0.8, within(1e-12));
        // class 2: never predicted -> precision 0; support 1 but recall 0; F1 0
        assertThat(m.precision(2)).isZero();
        assertThat(m.recall(2)).isZero();
        assertThat(m.f1(2)).isZero();
        // class 9: never present -> recall 0; never predicted -> precision 0
        assertThat(m.recall(9)).isZero();
        assertThat(m.support(9)).isZero();
    }

    @Test
    void macroF1AveragesAllTenClassesAndWeightedF1UsesSupport() {
        ConfusionMatrix m = handMade();
        assertThat(m.macroF1()).isCloseTo((2.0 / 3.0 + 0.8) / 10.0, within(1e-12));
        assertThat(m.weightedF1()).isCloseTo((2.0 / 3.0 * 3 + 0.8 * 2) / 6.0, within(1e-12));
    }

    @Test
    void emptyMatrixHasZeroFigures() {
        ConfusionMatrix m = new ConfusionMatrix();
        assertThat(m.accuracy()).isZero();
        assertThat(m.macroF1()).isZero();
        assertThat(m.weightedF1()).isZero();
    }

    @Test
    void perClassListsTenClassesWithNames() {
        assertThat(handMade().perClass())
                .hasSize(10)
                .extracting(ClassMetrics::label, ClassMetrics::className, ClassMetrics::support)
                .startsWith(Tuple.tuple(0, "T-shirt/top", 3L));
    }

    @Test
    void copiesAreIndependent() {
        ConfusionMatrix m = handMade();
        long[][] copy = m.toArray();
        copy[0][0] = 100;
        assertThat(m.get(0, 0)).isEqualTo(2);
        assertThat(ConfusionMatrix.of(m.toArray()).total()).isEqualTo(6);
    }
}
