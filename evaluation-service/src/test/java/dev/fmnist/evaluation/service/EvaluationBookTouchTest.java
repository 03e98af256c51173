package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.Evaluation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model in shadow whose own counts are complete is emitted again when production counts more (its comparison's
 * paired images grew), and the book keeps what was emitted, comparison included, as the model's latest figures.
 */
class EvaluationBookTouchTest {

    private static final EmissionPolicy POLICY = new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1));

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final EvaluationBook book = new EvaluationBook(POLICY, 10);

    @Test
    void aTouchedModelIsEmittedAgainAfterTheQuietPeriodWithTheSameCounts() {
        book.apply(List.of(new LabelledPrediction("shadow", 1, "img-1", 3, 3, now)), now);
        Evaluation first = book.takeDue(now.plusSeconds(2)).get(0);
        assertThat(book.takeDue(now.plusSeconds(60))).as("nothing changed").isEmpty();

        book.touch(List.of("shadow", "unknown"), now.plusSeconds(60));

        assertThat(book.takeDue(now.plusSeconds(60)))
                .as("not before the quiet period")
                .isEmpty();
        List<Evaluation> again = book.takeDue(now.plusSeconds(62));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).count()).isEqualTo(first.count());
        assertThat(book.takeDue(now.plusSeconds(120))).as("once").isEmpty();
    }

    @Test
    void theLatestFiguresAreWhatWasEmittedWithItsComparison() {
        book.apply(List.of(new LabelledPrediction("shadow", 1, "img-1", 3, 3, now)), now);
        Evaluation taken = book.takeDue(now.plusSeconds(2)).get(0);
        Comparison comparison = new Comparison(
                "champion", 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0.95, 1, new double[10], 0, Comparison.INSUFFICIENT);

        book.emitted(taken.withComparison(comparison));

        assertThat(book.latest("shadow").orElseThrow().comparison()).isEqualTo(comparison);
    }
}
