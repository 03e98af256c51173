package dev.fmnist.training.search;

import dev.fmnist.contracts.metrics.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class ScoresTest {

    @Test
    void meanAndSampleStandardDeviationByHand() {
        // 0.83, 0.85, 0.84: mean 0.84, squares 1e-4 + 1e-4 + 0 over n-1 = 2 → sd 0.01
        List<Double> scores = List.of(0.83, 0.85, 0.84);
        assertThat(Scores.mean(scores)).isCloseTo(0.84, offset(1e-12));
        assertThat(Scores.sd(scores)).isCloseTo(0.01, offset(1e-12));
        assertThat(Scores.sd(List.of(0.9))).as("one score has no sample sd").isNull();
        assertThat(Scores.format(0.84123, 0.01)).isEqualTo("0.8412 ± 0.0100");
    }

    @Test
    void theBestTrialHasTheHighestMeanThenTheLowerSdThenTheLowerNumber() {
        assertThat(Scores.best(List.of(
                                new Scores.Summary(1, 0.80, 0.01),
                                new Scores.Summary(2, 0.85, 0.05),
                                new Scores.Summary(3, 0.84, 0.0)))
                        .orElseThrow()
                        .trial())
                .isEqualTo(2);
        assertThat(Scores.best(List.of(new Scores.Summary(1, 0.85, 0.02), new Scores.Summary(2, 0.85, 0.01)))
                        .orElseThrow()
                        .trial())
                .isEqualTo(2);
        assertThat(Scores.best(List.of(new Scores.Summary(3, 0.85, 0.01), new Scores.Summary(2, 0.85, 0.01)))
                        .orElseThrow()
                        .trial())
                .isEqualTo(2);
        assertThat(Scores.best(List.of())).isEmpty();
    }

    @Test
    void theMetricIsAccuracyOrMacroF1OfTheHeldOutFold() {
        ConfusionMatrix matrix = new ConfusionMatrix();
        matrix.add(0, 0, 3);
        matrix.add(1, 0, 1);
        assertThat(Scores.metric(matrix, "accuracy")).isEqualTo(0.75);
        // class 0: precision 3/4, recall 1 → F1 6/7; class 1: F1 0; 8 classes without support count as the
        // ConfusionMatrix's macroF1 counts them
        assertThat(Scores.metric(matrix, "macroF1")).isEqualTo(matrix.macroF1());
    }
}
