package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.Comparison;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The paired comparison and its verdict, on counts worked out by hand. */
class ChallengerComparisonTest {

    private static final ComparisonRules RULES = new ComparisonRules(0.01, 100, 0.005);

    @Test
    void theIntervalOfThePairedDifference() {
        // b = 10, c = 30, n = 200: d = 0.1, variance ((40 / 200) - 0.01) / 200 = 0.00095
        PairedInterval i = PairedInterval.of(10, 30, 200, PairedInterval.Z_95);
        double half = 1.959964 * Math.sqrt(0.00095);
        assertThat(i.delta()).isCloseTo(0.1, within(1e-15));
        assertThat(i.low()).isCloseTo(0.1 - half, within(1e-12));
        assertThat(i.high()).isCloseTo(0.1 + half, within(1e-12));
        assertThat(PairedInterval.of(0, 0, 50, PairedInterval.Z_95))
                .as("no discordant pair: no difference, no spread")
                .isEqualTo(new PairedInterval(0, 0, 0));
        assertThat(PairedInterval.of(0, 0, 0, PairedInterval.Z_95)).isEqualTo(new PairedInterval(0, -1, 1));
    }

    /**
     * 200 paired images: class 0 × 100 and class 1 × 100. Class 0: 60 both right, 10 only the champion (the challenger
     * says 1), 25 only the challenger (the champion says 1), 5 neither (both say 1). Class 1: 80 both right, 20 only
     * the challenger (the champion says 0). So b = 10, c = 45, both = 140, neither = 5.
     */
    @Test
    void countsAccuraciesF1DeltasAndVerdictOfAHandMadeSet() {
        PairedCounts counts = PairedCounts.builder()
                .add(0, 0, 0, 60)
                .add(0, 0, 1, 10)
                .add(0, 1, 0, 25)
                .add(0, 1, 1, 5)
                .add(1, 1, 1, 80)
                .add(1, 0, 1, 20)
                .build();
        Comparison c = ChallengerComparison.of("champ", 4, counts, RULES);

        assertThat(c.championId()).isEqualTo("champ");
        assertThat(c.championVersion()).isEqualTo(4);
        assertThat(c.pairedImages()).isEqualTo(200);
        assertThat(c.bothCorrect()).isEqualTo(140);
        assertThat(c.championOnly()).isEqualTo(10);
        assertThat(c.challengerOnly()).isEqualTo(45);
        assertThat(c.neitherCorrect()).isEqualTo(5);
        assertThat(c.championAccuracy()).isCloseTo(150 / 200.0, within(1e-15));
        assertThat(c.challengerAccuracy()).isCloseTo(185 / 200.0, within(1e-15));
        assertThat(c.accuracyDelta()).isCloseTo(35 / 200.0, within(1e-15));
        assertThat(c.confidence()).isEqualTo(0.95);
        assertThat(c.mcnemarP()).isEqualTo(McNemar.exactP(10, 45)).isLessThan(1e-5);
        // champion: class 0 row (70 right, 30 as 1), class 1 row (20 as 0, 80 right)
        //   P0 = 70/90, R0 = 70/100 -> F1 = 2*70/(90+100) = 140/190; P1 = 80/110, R1 = 0.8 -> F1 = 160/210
        // challenger: class 0 row (85 right, 15 as 1), class 1 row (100 right)
        //   P0 = 1, R0 = 0.85 -> F1 = 170/185; P1 = 100/115, R1 = 1 -> F1 = 200/215
        double[] expected = new double[10];
        expected[0] = 170.0 / 185 - 140.0 / 190;
        expected[1] = 200.0 / 215 - 160.0 / 210;
        assertThat(c.f1Delta()).containsExactly(expected, within(1e-12));
        assertThat(c.macroF1Delta()).isCloseTo((expected[0] + expected[1]) / 10, within(1e-12));
        assertThat(c.verdict()).isEqualTo(Comparison.BETTER);

        Comparison reversed = ChallengerComparison.of(
                "champ",
                4,
                PairedCounts.builder()
                        .add(0, 0, 0, 60)
                        .add(0, 1, 0, 10)
                        .add(0, 0, 1, 45)
                        .add(1, 1, 1, 85)
                        .build(),
                RULES);
        assertThat(reversed.accuracyDelta()).isCloseTo(-35 / 200.0, within(1e-15));
        assertThat(reversed.verdict()).isEqualTo(Comparison.WORSE);
    }

    @Test
    void theVerdictNeedsPairsSignificanceAndGain() {
        assertThat(RULES.verdict(99, 1e-9, 0.2)).isEqualTo(Comparison.INSUFFICIENT);
        assertThat(RULES.verdict(100, 1e-9, 0.2)).isEqualTo(Comparison.BETTER);
        assertThat(RULES.verdict(100, 1e-9, -0.2)).isEqualTo(Comparison.WORSE);
        assertThat(RULES.verdict(100, 0.01, 0.2))
                .as("p must be below the level")
                .isEqualTo(Comparison.NO_DIFFERENCE);
        assertThat(RULES.verdict(100_000, 1e-9, 0.004))
                .as("significant but below min-gain")
                .isEqualTo(Comparison.NO_DIFFERENCE);
        assertThat(RULES.verdict(100_000, 1e-9, 0.005)).isEqualTo(Comparison.BETTER);
        assertThat(RULES.verdict(100_000, 1e-9, -0.005)).isEqualTo(Comparison.WORSE);
        assertThat(ChallengerComparison.of("c", 1, PairedCounts.empty(), RULES)).satisfies(c -> {
            assertThat(c.pairedImages()).isZero();
            assertThat(c.mcnemarP()).isEqualTo(1.0);
            assertThat(c.verdict()).isEqualTo(Comparison.INSUFFICIENT);
        });
        assertThatThrownBy(() -> new ComparisonRules(0, 100, 0.005)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedCounts.builder().add(10, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
