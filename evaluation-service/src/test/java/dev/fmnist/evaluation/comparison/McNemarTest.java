package dev.fmnist.evaluation.comparison;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** McNemar's exact test against values worked out independently (by hand, and with exact integer arithmetic). */
class McNemarTest {

    @Test
    void tenAgainstTwoIsTheTextbookValue() {
        // 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096
        assertThat(McNemar.exactP(10, 2)).isCloseTo(2 * 79.0 / 4096, within(1e-15));
        assertThat(McNemar.exactP(10, 2)).isCloseTo(0.03857, within(1e-5));
        assertThat(McNemar.exactP(2, 10)).as("two-sided: symmetric").isEqualTo(McNemar.exactP(10, 2));
    }

    @Test
    void equalCountsAndNoDiscordantPairGivePOne() {
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.exactP(7, 7)).isEqualTo(1.0);
        assertThat(McNemar.exactP(50_000, 50_000)).isEqualTo(1.0);
        assertThat(McNemar.exactP(5, 6)).as("capped at 1").isEqualTo(1.0);
    }

    @Test
    void allDiscordantPairsOnOneSide() {
        assertThat(McNemar.exactP(0, 20)).isCloseTo(2 * Math.pow(0.5, 20), within(1e-18));
        assertThat(McNemar.exactP(0, 1)).isEqualTo(1.0);
        // 2 * 2^-5000 underflows to 0 in doubles; the log-space sum must not turn it into NaN
        assertThat(McNemar.exactP(0, 5000)).isEqualTo(0.0);
    }

    @Test
    void matchesExactIntegerArithmeticOnMidSizedCounts() {
        assertThat(McNemar.exactP(1420, 1580)).isCloseTo(exact(1420, 1580), within(1e-12));
        assertThat(McNemar.exactP(480, 520)).isCloseTo(exact(480, 520), within(1e-12));
        assertThat(McNemar.exactP(130, 70)).isCloseTo(exact(130, 70), within(1e-14));
    }

    @Test
    void largeCountsAgreeWithTheNormalApproximation() {
        // b + c = 100,000: z = (|b - c| - 1) / sqrt(b + c) = 1999 / 316.23 = 6.3214, two-sided p = 2.59e-10
        double p = McNemar.exactP(49_000, 51_000);
        double z = 1999 / Math.sqrt(100_000);
        double normal = 2 * upperNormalTail(z);
        assertThat(p).isBetween(normal * 0.9, normal * 1.1);
        assertThat(McNemar.exactP(499_000, 501_000))
                .as("a million pairs, 2000 apart: z = 2.0")
                .isBetween(0.044, 0.047);
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> McNemar.exactP(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** 2 * sum_{i <= min} C(m, i) / 2^m, exactly, then rounded. */
    private static double exact(int b, int c) {
        int m = b + c;
        int k = Math.min(b, c);
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(binomial);
            binomial = binomial.multiply(BigInteger.valueOf(m - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1))
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(m)), MathContext.DECIMAL128);
        return Math.min(1.0, p.doubleValue());
    }

    /** Upper tail of the standard normal (Abramowitz-Stegun 7.1.26 on erfc, error < 1.5e-7 relative near 6). */
    private static double upperNormalTail(double z) {
        // Mills-ratio asymptotic series, accurate for z > 5
        double phi = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        double z2 = z * z;
        return phi / z * (1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
    }
}
