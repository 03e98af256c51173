package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.LabelledPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot history in the real PostgreSQL: stored as emitted, read back oldest first, pruned per model. */
class SnapshotRepositoryTest {

    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = MigratedSchema.dataSource();
    }

    @Test
    void historyIsOldestFirstAndPruningKeepsEachModelsNewest() {
        SnapshotRepository snapshots = new SnapshotRepository(dataSource);
        String a = emitFive(snapshots, "history-a-" + UUID.randomUUID());
        String b = emitFive(snapshots, "history-b-" + UUID.randomUUID());

        assertThat(snapshots.history(a, 3)).extracting(Evaluation::count).containsExactly(3L, 4L, 5L);

        snapshots.prune(2);

        assertThat(snapshots.history(a, 100)).extracting(Evaluation::count).containsExactly(4L, 5L);
        assertThat(snapshots.history(b, 100)).extracting(Evaluation::count).containsExactly(4L, 5L);
        assertThat(snapshots.history(b, 100).get(1).confusionMatrix()[2][2]).isEqualTo(5);
    }

    /** Counts five images of a model one at a time, storing the snapshot emitted after each. */
    private static String emitFive(SnapshotRepository snapshots, String model) {
        JdbcCountStore store = new JdbcCountStore(dataSource);
        EvaluationBook book =
                new EvaluationBook(new EmissionPolicy(1, Duration.ofSeconds(5), Duration.ofSeconds(1)), 10);
        for (int i = 1; i <= 5; i++) {
            book.apply(
                    store.countNew(List.of(new LabelledPrediction(model, 1, "img-" + i, 2, 2, Instant.now()))),
                    Instant.now());
            book.takeDue(Instant.now()).forEach(snapshots::save);
        }
        return model;
    }
}
