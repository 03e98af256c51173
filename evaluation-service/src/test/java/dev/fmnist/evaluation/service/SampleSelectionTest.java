package dev.fmnist.evaluation.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which counted predictions of a batch become cell samples: the last K per (model, true, predicted) cell. */
class SampleSelectionTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsTheLastKOfEachCellInCountingOrder() {
        List<LabelledPrediction> counted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            counted.add(p("m1", "d" + i, 2, 2)); // one cell, 5 predictions
            counted.add(p("m1", "x" + i, 2, 6)); // another cell of the same model, 5 predictions
        }
        counted.add(p("m1", "lone", 9, 7));

        List<LabelledPrediction> kept = SampleSelection.newestPerCell(counted, 2);

        assertThat(kept).extracting(LabelledPrediction::imageId).containsExactly("d3", "x3", "d4", "x4", "lone");
    }

    @Test
    void newestIsByThePredictionsTimestampThenByCountingOrder() {
        // two partitions in one batch: counting order is not time order
        List<LabelledPrediction> counted = List.of(
                p("m", "p0-late", 5, 5, AT.plusSeconds(9)),
                p("m", "p0-later", 5, 5, AT.plusSeconds(10)),
                p("m", "p1-early", 5, 5, AT.plusSeconds(1)),
                p("m", "p1-mid", 5, 5, AT.plusSeconds(5)),
                p("m", "p1-same", 5, 5, AT.plusSeconds(10)),
                p("m", "other-cell", 5, 3, AT));

        assertThat(SampleSelection.newestPerCell(counted, 3))
                .as("oldest first, so that the newest is stored last")
                .extracting(LabelledPrediction::imageId)
                .containsExactly("other-cell", "p0-late", "p0-later", "p1-same");
    }

    @Test
    void cellsOfDifferentModelsAreApart() {
        List<LabelledPrediction> counted =
                List.of(p("a", "a1", 1, 1), p("b", "b1", 1, 1), p("a", "a2", 1, 1), p("b", "b2", 1, 1));

        assertThat(SampleSelection.newestPerCell(counted, 1))
                .extracting(LabelledPrediction::imageId)
                .containsExactly("a2", "b2");
    }

    @Test
    void aBatchSmallerThanKIsKeptWholeAndAnEmptyOneGivesNothing() {
        List<LabelledPrediction> counted = List.of(p("m", "1", 0, 0), p("m", "2", 0, 3), p("m", "3", 0, 0));

        assertThat(SampleSelection.newestPerCell(counted, 16)).containsExactlyElementsOf(counted);
        assertThat(SampleSelection.newestPerCell(List.of(), 16)).isEmpty();
        assertThatThrownBy(() -> SampleSelection.newestPerCell(counted, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LabelledPrediction p(String model, String image, int trueLabel, int predicted) {
        return p(model, image, trueLabel, predicted, AT);
    }

    private static LabelledPrediction p(String model, String image, int trueLabel, int predicted, Instant at) {
        return new LabelledPrediction(model, 1, image, trueLabel, predicted, at, new double[10]);
    }
}
