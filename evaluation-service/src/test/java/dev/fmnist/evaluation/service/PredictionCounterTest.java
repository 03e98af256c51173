package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.testing.HandMadeSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The counting logic against an in-memory store; the PostgreSQL store has its own tests. */
class PredictionCounterTest {

    private static final String MODEL = "m1";

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final EvaluationBook book =
            new EvaluationBook(new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1)), 4);
    private final PredictionCounter counter =
            new PredictionCounter(new InMemoryStore(), book, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void figuresMatchTheHandComputedOracle() {
        counter.handle(records(HandMadeSet.predictions(MODEL)));

        Evaluation e = book.takeDue(now.plusSeconds(2)).get(0);
        assertThat(e.count()).isEqualTo(HandMadeSet.COUNT);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        assertThat(e.accuracy()).isCloseTo(HandMadeSet.ACCURACY, within(1e-12));
        assertThat(e.macroF1()).isCloseTo(HandMadeSet.MACRO_F1, within(1e-12));
        assertThat(e.weightedF1()).isCloseTo(HandMadeSet.WEIGHTED_F1, within(1e-12));
        for (ClassMetrics c : e.perClass()) {
            double[] expected = HandMadeSet.PER_CLASS[c.label()];
            assertThat(new double[] {c.precision(), c.recall(), c.f1()})
                    .as("class %d", c.label())
                    .containsExactly(expected, within(1e-12));
            assertThat(c.support()).isEqualTo(HandMadeSet.SUPPORT[c.label()]);
        }
        // the window holds the last 4: a07 (1,1), a08 (1,9), a09 (8,1), a10 (2,2)
        assertThat(e.recent().count()).isEqualTo(4);
        assertThat(e.recent().accuracy()).isEqualTo(0.5);
    }

    @Test
    void aPredictionDeliveredTwiceCountsOnceAndUnlabelledOnesNotAtAll() {
        List<Prediction> batch = new ArrayList<>(HandMadeSet.predictions(MODEL));
        batch.add(batch.get(0));
        batch.add(HandMadeSet.prediction(MODEL, "unlabelled", null, 3));
        PredictionCounter.Outcome first = counter.handle(records(batch));
        PredictionCounter.Outcome again =
                counter.handle(records(HandMadeSet.predictions(MODEL).subList(0, 3)));

        assertThat(first.counted()).isEqualTo(10);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(first.unlabelled()).isEqualTo(1);
        assertThat(again.counted()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(book.count(MODEL)).isEqualTo(10);
    }

    @Test
    void aPoisonRecordIsRefusedAndTheRestOfTheBatchCounted() {
        List<RawRecord> batch = new ArrayList<>();
        batch.add(new RawRecord(Topics.PREDICTIONS, "bad", "{not json".getBytes(StandardCharsets.UTF_8), now));
        batch.add(new RawRecord(Topics.PREDICTIONS, "tomb", null, now));
        batch.addAll(records(HandMadeSet.predictions(MODEL).subList(0, 2)));
        PredictionCounter.Outcome outcome = counter.handle(batch);

        assertThat(outcome.rejections())
                .extracting(
                        r -> r.key(), r -> r.reason().substring(0, r.reason().indexOf(':')))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bad", "invalid-json"),
                        org.assertj.core.groups.Tuple.tuple("tomb", "not-an-object"));
        assertThat(outcome.counted()).isEqualTo(2);
    }

    @Test
    void snapshotsAreEmittedOnlyWhenDueAndOnlyWithNews() {
        counter.handle(records(HandMadeSet.predictions(MODEL)));

        assertThat(book.takeDue(now.plusMillis(500))).isEmpty();
        assertThat(book.takeDue(now.plusSeconds(1))).hasSize(1);
        assertThat(book.takeDue(now.plusSeconds(60))).isEmpty();
        assertThat(book.latest(MODEL)).get().extracting(Evaluation::count).isEqualTo(10L);
    }

    static List<RawRecord> records(List<Prediction> predictions) {
        return predictions.stream()
                .map(p -> new RawRecord(Topics.PREDICTIONS, p.id(), JsonCodec.toBytes(p), Instant.now()))
                .toList();
    }

    /** Remembers counted (model, image) pairs in memory. */
    static final class InMemoryStore implements CountStore {
        private final Set<LabelledPrediction.Key> counted = new HashSet<>();

        @Override
        public List<LabelledPrediction> countNew(List<LabelledPrediction> predictions) {
            return predictions.stream().filter(p -> counted.add(p.key())).toList();
        }

        @Override
        public List<ModelState> loadAll(int windowSize) {
            return List.of();
        }

        @Override
        public int prune(int keepPerModel) {
            return 0;
        }
    }
}
