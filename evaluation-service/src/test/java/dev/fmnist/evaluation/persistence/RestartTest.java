package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.PredictionCounter;
import dev.fmnist.evaluation.service.RawRecord;
import dev.fmnist.evaluation.testing.HandMadeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A restart against the real PostgreSQL: the service's objects are thrown away and rebuilt from the database the way
 * the service does on start, then the predictions after the last committed offset are redelivered with new ones.
 * The counts must continue, neither from zero nor doubled.
 */
class RestartTest {

    private static final int WINDOW = 4;
    private static final EmissionPolicy POLICY = new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1));

    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = MigratedSchema.dataSource();
    }

    @Test
    void countsContinueAfterARestartNeitherFromZeroNorDoubled() {
        String model = "restart-" + UUID.randomUUID();
        List<Prediction> set = HandMadeSet.predictions(model);

        // first run: counts images a01..a06, publishes a snapshot, then "crashes" before committing offsets of a05, a06
        Service first = new Service();
        first.counter.handle(records(set.subList(0, 6)));
        Evaluation published = first.book.takeDue(Instant.now().plusSeconds(2)).stream()
                .filter(ev -> ev.modelId().equals(model))
                .findFirst()
                .orElseThrow();
        new SnapshotRepository(dataSource).save(published);
        assertThat(published.count()).isEqualTo(6);

        // restart: a fresh service restores from PostgreSQL
        Service second = new Service();
        assertThat(second.book.count(model)).isEqualTo(6);
        assertThat(second.book.latest(model))
                .get()
                .extracting(Evaluation::count)
                .isEqualTo(6L);
        assertThat(second.book.takeDue(Instant.now().plusSeconds(60)))
                .as("nothing new to publish")
                .noneMatch(ev -> ev.modelId().equals(model));

        // the broker redelivers a05, a06 (uncommitted offsets), then a07..a10 arrive
        PredictionCounter.Outcome outcome = second.counter.handle(records(set.subList(4, 10)));
        assertThat(outcome.counted()).isEqualTo(4);
        assertThat(outcome.duplicates()).isEqualTo(2);

        Evaluation e = second.book.takeDue(Instant.now().plusSeconds(2)).stream()
                .filter(ev -> ev.modelId().equals(model))
                .findFirst()
                .orElseThrow();
        assertThat(e.count()).isEqualTo(HandMadeSet.COUNT);
        assertThat(e.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        assertThat(e.accuracy()).isCloseTo(HandMadeSet.ACCURACY, within(1e-12));
        assertThat(e.macroF1()).isCloseTo(HandMadeSet.MACRO_F1, within(1e-12));
        // the sliding window continued across the restart: a07 (1,1), a08 (1,9), a09 (8,1), a10 (2,2)
        assertThat(e.recent().count()).isEqualTo(WINDOW);
        assertThat(e.recent().accuracy()).isEqualTo(0.5);

        // and a third start sees the same durable state, with the window restored from the stored predictions
        Service third = new Service();
        assertThat(third.book.count(model)).isEqualTo(10);
        Evaluation restored = third.book.takeDue(Instant.now().plusSeconds(60)).stream()
                .filter(ev -> ev.modelId().equals(model))
                .findFirst()
                .orElseThrow();
        assertThat(restored.confusionMatrix()).isDeepEqualTo(HandMadeSet.matrix());
        assertThat(restored.recent().confusionMatrix()).isDeepEqualTo(e.recent().confusionMatrix());
    }

    @Test
    void aBatchIsCountedAllOrNothing() {
        String model = "atomic-" + UUID.randomUUID();
        JdbcCountStore store = new JdbcCountStore(dataSource);
        List<dev.fmnist.evaluation.service.LabelledPrediction> batch = new ArrayList<>();
        batch.add(new dev.fmnist.evaluation.service.LabelledPrediction(model, 1, "ok", 1, 1, Instant.now()));
        // breaks the table's check constraint (labels are 0..9), so the whole transaction must roll back
        batch.add(new dev.fmnist.evaluation.service.LabelledPrediction(model, 1, "bad", 42, 1, Instant.now()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.countNew(batch))
                .isInstanceOf(PersistenceException.class);
        assertThat(store.loadAll(WINDOW)).noneMatch(s -> s.modelId().equals(model));
        assertThat(store.countNew(batch.subList(0, 1))).hasSize(1);
    }

    @Test
    void theDeduplicationRecordIsBoundedPerModelAndTheWindowSurvivesPruning() {
        String model = "bounded-" + UUID.randomUUID();
        String other = "untouched-" + UUID.randomUUID();
        Service service = new Service();
        service.counter.handle(records(HandMadeSet.predictions(model)));
        service.counter.handle(records(HandMadeSet.predictions(other).subList(0, 3)));
        JdbcCountStore store = new JdbcCountStore(dataSource);

        assertThat(store.prune(WINDOW)).isGreaterThanOrEqualTo(10 - WINDOW);
        assertThat(pairs(model))
                .as("the newest %d of the 10 pairs are kept", WINDOW)
                .isEqualTo(WINDOW);
        assertThat(pairs(other)).isEqualTo(3);

        // the counts stay; the window restores from the kept pairs; only the oldest pairs count again
        Service restarted = new Service();
        assertThat(restarted.book.count(model)).isEqualTo(10);
        assertThat(restarted.book.count(other)).isEqualTo(3);
        PredictionCounter.Outcome again = restarted.counter.handle(records(HandMadeSet.predictions(model)));
        assertThat(again.duplicates())
                .as("the newest %d pairs are still deduplicated", WINDOW)
                .isEqualTo(WINDOW);
        assertThat(again.counted()).isEqualTo(10 - WINDOW);
    }

    private static int pairs(String model) {
        try (var connection = dataSource.getConnection();
                var count = connection.prepareStatement(
                        "SELECT count(*) FROM evaluation.counted_prediction WHERE model_id = ?")) {
            count.setString(1, model);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RawRecord> records(List<Prediction> predictions) {
        return predictions.stream()
                .map(p -> new RawRecord(Topics.PREDICTIONS, p.id(), JsonCodec.toBytes(p), Instant.now()))
                .toList();
    }

    /** The service's state objects, built the way the application builds them on start. */
    private static final class Service {
        final EvaluationBook book = new EvaluationBook(POLICY, WINDOW);
        final PredictionCounter counter;

        Service() {
            JdbcCountStore store = new JdbcCountStore(dataSource);
            book.restore(store.loadAll(WINDOW), Instant.now());
            counter = new PredictionCounter(store, book, Clock.systemUTC());
        }
    }
}
