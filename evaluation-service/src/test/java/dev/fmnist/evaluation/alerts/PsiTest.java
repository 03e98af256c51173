package dev.fmnist.evaluation.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PsiTest {

    @Test
    void theSameDistributionIsZero() {
        double[] uniform = {0.25, 0.25, 0.25, 0.25};
        assertThat(Psi.index(uniform, uniform)).isZero();
    }

    @Test
    void matchesTheFormulaByHand() {
        double[] actual = {0.5, 0.3, 0.2};
        double[] expected = {0.3, 0.3, 0.4};
        double byHand = (0.5 - 0.3) * Math.log(0.5 / 0.3) + 0 + (0.2 - 0.4) * Math.log(0.2 / 0.4);
        assertThat(Psi.index(actual, expected)).isCloseTo(byHand, within(1e-15)).isCloseTo(0.2408, within(1e-4));
    }

    @Test
    void anEmptyBinCountsAsEpsilon() {
        double[] actual = {1.0, 0.0};
        double[] expected = {0.5, 0.5};
        double byHand = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
        assertThat(Psi.index(actual, expected)).isCloseTo(byHand, within(1e-12)).isGreaterThan(4);
    }

    @Test
    void binsMustMatch() {
        assertThatThrownBy(() -> Psi.index(new double[2], new double[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
