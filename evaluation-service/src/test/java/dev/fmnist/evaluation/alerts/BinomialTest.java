package dev.fmnist.evaluation.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

/** The lower tail against values summed exactly (Python's fractions over math.comb). */
class BinomialTest {

    @Test
    void smallCasesMatchTheExactSums() {
        assertThat(Binomial.lowerTail(2, 10, 0.5)).isCloseTo(56.0 / 1024, within(1e-15));
        assertThat(Binomial.lowerTail(2, 20, 0.3)).isCloseTo(0.03548313229846868, withPercentage(1e-9));
        assertThat(Binomial.lowerTail(0, 5, 0.2)).isCloseTo(0.32768, within(1e-15));
    }

    @Test
    void aThousandTrialsMatchTheExactSumsFarIntoTheTail() {
        assertThat(Binomial.lowerTail(899, 1000, 0.9)).isCloseTo(0.47340091870483486, withPercentage(1e-7));
        assertThat(Binomial.lowerTail(880, 1000, 0.9)).isCloseTo(0.02199614496579435, withPercentage(1e-7));
        assertThat(Binomial.lowerTail(873, 1000, 0.9)).isCloseTo(0.0033841161825852164, withPercentage(1e-7));
        assertThat(Binomial.lowerTail(850, 1000, 0.9)).isCloseTo(4.4894428594500086e-07, withPercentage(1e-7));
        assertThat(Binomial.lowerTail(800, 1000, 0.9)).isCloseTo(2.928054803828677e-21, withPercentage(1e-6));
        assertThat(Binomial.lowerTail(450, 1000, 0.5)).isCloseTo(0.0008652680424881588, withPercentage(1e-7));
    }

    @Test
    void edgesAreExact() {
        assertThat(Binomial.lowerTail(-1, 10, 0.5)).isZero();
        assertThat(Binomial.lowerTail(10, 10, 0.5)).isEqualTo(1.0);
        assertThat(Binomial.lowerTail(3, 10, 0.0)).isEqualTo(1.0);
        assertThat(Binomial.lowerTail(9, 10, 1.0)).isZero();
        assertThat(Binomial.lowerTail(400, 1000, 0.9)).isZero();
        assertThatThrownBy(() -> Binomial.lowerTail(1, 10, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
