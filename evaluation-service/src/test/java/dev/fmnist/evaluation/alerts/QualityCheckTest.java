package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.RecentMetrics;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * QUALITY_DROP on hand-made matrices: earlier predictions (the reference) at 90 % per class, then a window of 1000.
 */
class QualityCheckTest {

    private final QualityCheck check = new QualityCheck(null, 500, 0.01, 0.05);

    @Test
    void aSignificantDropOfMoreThanTheMarginRaises() {
        Finding finding = assess(perClass(90, 10), perClass(80, 20)).orElseThrow();
        assertThat(finding.decision()).isEqualTo(Decision.RAISE);
        assertThat(finding.type()).isEqualTo(Alert.QUALITY_DROP);
        assertThat(finding.figures().get("windowAccuracy")).isCloseTo(0.80, within(1e-12));
        assertThat(finding.figures().get("referenceAccuracy")).isCloseTo(0.90, within(1e-12));
        assertThat(finding.figures().get("accuracyDrop")).isCloseTo(0.10, within(1e-12));
        assertThat(finding.figures().get("pValue")).isCloseTo(2.928054803828677e-21, within(1e-25));
        assertThat(finding.figures().get("windowCount")).isEqualTo(1000.0);
        assertThat(finding.figures().get("referenceCount")).isEqualTo(1000.0);
        assertThat(finding.reason()).contains("0.8000 (800 of 1000)").contains("0.9000");
    }

    @Test
    void aSmallDropClearsAndOneBetweenHalfTheMarginAndTheMarginHolds() {
        assertThat(assess(perClass(90, 10), perClass(88, 12)).orElseThrow().decision())
                .as("drop 0.02 < margin/2")
                .isEqualTo(Decision.CLEAR);
        Finding between = assess(perClass(90, 10), perClass(86, 14)).orElseThrow();
        assertThat(between.figures().get("pValue")).as("significant, but small").isLessThan(0.01);
        assertThat(between.decision()).as("drop 0.04: not above the margin").isEqualTo(Decision.HOLD);
        assertThat(assess(perClass(90, 10), perClass(95, 5)).orElseThrow().decision())
                .as("better than before")
                .isEqualTo(Decision.CLEAR);
    }

    @Test
    void aMacroF1DropRaisesOnlyWithTheAccuracyTestSignificant() {
        // window: class 0 always predicted as class 1, the others 97 of 100 right: accuracy 0.873, macro-F1 far lower
        long[][] window = perClass(97, 3);
        window[0][0] = 0;
        window[0][1] = 100;
        Finding finding = assess(perClass(90, 10), window).orElseThrow();
        assertThat(finding.figures().get("accuracyDrop")).isCloseTo(0.027, within(1e-12));
        assertThat(finding.figures().get("macroF1Drop")).isGreaterThan(0.05);
        assertThat(finding.figures().get("pValue")).isCloseTo(0.0033841161825852164, within(1e-12));
        assertThat(finding.decision()).isEqualTo(Decision.RAISE);

        QualityCheck strict = new QualityCheck(null, 500, 0.001, 0.05);
        assertThat(strict.assess(evaluation(perClass(90, 10), window))
                        .orElseThrow()
                        .decision())
                .as("the same macro-F1 drop, the accuracy test not significant at 0.001")
                .isEqualTo(Decision.HOLD);
    }

    @Test
    void tooLittleSupportDecidesNothing() {
        assertThat(assess(perClass(90, 10), perClass(40, 9)))
                .as("window of 490")
                .isEmpty();
        assertThat(assess(perClass(45, 4), perClass(80, 20)))
                .as("reference of 490")
                .isEmpty();
        assertThat(check.assess(new Evaluation(
                        "m", 1, 10, 1, 1, 1.0, FashionLabels.NAMES, perClass(1, 0), null, null, null, null)))
                .as("no window")
                .isEmpty();
    }

    @Test
    void itRaisesOnceAndClearsOnceThroughTheOutlet() {
        HysteresisTest.StateKeepingOutlet outlet = new HysteresisTest.StateKeepingOutlet();
        QualityCheck raising = new QualityCheck(new AlertRaiser(outlet, Clock.systemUTC()), 500, 0.01, 0.05);
        raising.check(evaluation(perClass(90, 10), perClass(80, 20)));
        raising.check(evaluation(perClass(90, 10), perClass(79, 21)));
        raising.check(evaluation(perClass(90, 10), perClass(87, 13)));
        raising.check(evaluation(perClass(90, 10), perClass(89, 11)));
        assertThat(outlet.sent).extracting(Alert::state).containsExactly(Alert.RAISED, Alert.CLEARED);
        assertThat(outlet.sent.get(0).modelVersion()).isEqualTo(3);
        assertThat(outlet.sent.get(0).figures()).containsKeys("pValue", "accuracyDrop", "macroF1Drop");
    }

    private Optional<Finding> assess(long[][] reference, long[][] window) {
        return check.assess(evaluation(reference, window));
    }

    /** @return an Evaluation whose cumulative matrix is the reference plus the window, and whose window is given */
    private static Evaluation evaluation(long[][] reference, long[][] window) {
        ConfusionMatrix cumulative = ConfusionMatrix.of(reference);
        cumulative.addAll(ConfusionMatrix.of(window));
        ConfusionMatrix recent = ConfusionMatrix.of(window);
        RecentMetrics metrics =
                new RecentMetrics(1000, recent.total(), recent.accuracy(), recent.macroF1(), recent.toArray(), null);
        return new Evaluation(
                "m-quality",
                3,
                cumulative.total(),
                cumulative.accuracy(),
                cumulative.macroF1(),
                cumulative.weightedF1(),
                FashionLabels.NAMES,
                cumulative.toArray(),
                cumulative.perClass(),
                null,
                null,
                metrics);
    }

    /** @return each class with {@code right} images predicted right and {@code wrong} as the next class */
    private static long[][] perClass(long right, long wrong) {
        long[][] counts = new long[FashionLabels.COUNT][FashionLabels.COUNT];
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            counts[c][c] = right;
            counts[c][(c + 1) % FashionLabels.COUNT] = wrong;
        }
        return counts;
    }
}
