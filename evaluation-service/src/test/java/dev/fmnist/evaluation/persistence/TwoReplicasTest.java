package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.leadership.AdvisoryLock;
import dev.fmnist.evaluation.leadership.Leadership;
import dev.fmnist.evaluation.service.BookSync;
import dev.fmnist.evaluation.service.EmissionPolicy;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.PredictionCounter;
import dev.fmnist.evaluation.service.RawRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas over one real PostgreSQL, built the way the application builds them (a book restored from the store,
 * a counter, the sync, the emitter's advisory lock), each counting its own half of a hand-made stream (its
 * partitions): exactly one publishes, and what it publishes equals the oracle of the whole stream — what one replica
 * counting all of it would publish. Then the emitter dies mid-stream (its lock's connection closes, before it
 * published its last batch or committed its offsets): the other takes over, counts the redelivered batch once, and
 * its next publication equals the oracle again.
 */
class TwoReplicasTest {

    private static final int WINDOW = 50;
    private static final EmissionPolicy POLICY = new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1));

    private static PGSimpleDataSource dataSource;

    private final long key = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
    private final String model = "scale-out-" + UUID.randomUUID();
    private final List<Replica> replicas = new ArrayList<>();

    @BeforeAll
    static void migrate() {
        dataSource = MigratedSchema.dataSource();
    }

    @AfterEach
    void stop() {
        replicas.forEach(r -> r.leadership.close());
    }

    @Test
    void onlyTheEmitterPublishesTheWholeStreamsFiguresAndATakeoverLosesAndDoublesNothing() throws SQLException {
        List<Prediction> stream = stream(600);
        Replica a = new Replica();
        Replica b = new Replica();
        assertThat(a.leadership.contend()).isTrue();
        assertThat(b.leadership.contend()).isFalse();

        // the first 400, partitioned by image (like the topic's key): each replica counts its half, in batches
        Oracle oracle = new Oracle();
        for (int start = 0; start < 400; start += 40) {
            List<Prediction> batch = stream.subList(start, start + 40);
            oracle.count(a.count(half(batch, 0)));
            oracle.count(b.count(half(batch, 1)));
            a.publishDue(Instant.now());
            b.publishDue(Instant.now());
        }
        // a rebalance hands a few of a's records to b again: counted once
        assertThat(b.counter.handle(records(half(stream.subList(0, 40), 0))).duplicates())
                .isEqualTo(20);

        a.publishDue(Instant.now().plusSeconds(2));
        Evaluation published = a.latest();
        oracle.assertMatches(published, 400);
        assertThat(b.saved)
                .as("the replica that does not emit publishes nothing")
                .isEmpty();
        assertThat(storedSnapshots()).isEqualTo(a.saved.size());

        // the follower reads what the emitter published: same figures on its REST reads and its event stream
        List<Evaluation> pushed = b.leadership.follow();
        assertThat(pushed).extracting(Evaluation::count).containsExactly(400L);
        assertThat(b.book.latest(model)).get().extracting(Evaluation::count).isEqualTo(400L);
        assertThat(b.book.latest(model).orElseThrow().confusionMatrix()).isDeepEqualTo(published.confusionMatrix());

        // a counts one more batch of its partitions, then is killed before publishing it or committing its offsets
        List<Prediction> lastOfA = half(stream.subList(400, 440), 0);
        oracle.count(a.count(lastOfA));
        a.kill();
        await().atMost(Duration.ofSeconds(10)).until(b.leadership::contend);
        assertThat(a.leadership.contend()).as("the dead one's lock is gone").isFalse();

        // b continues where a stopped: what a counted but never published goes out from b
        b.publishDue(Instant.now().plus(POLICY.maxDelay()));
        oracle.assertMatches(b.latest(), 420);

        // the broker hands a's partitions to b: a's last batch again (uncommitted), then the rest of the stream
        assertThat(b.counter.handle(records(lastOfA)).counted()).isZero();
        for (int start = 400; start < 600; start += 40) {
            List<Prediction> batch = stream.subList(start, start + 40);
            oracle.count(b.count(half(batch, 0)));
            oracle.count(b.count(half(batch, 1)));
            b.publishDue(Instant.now());
        }
        b.publishDue(Instant.now().plusSeconds(2));
        oracle.assertMatches(b.latest(), 600);
        assertThat(storedSnapshots()).isEqualTo(a.saved.size() + b.saved.size());
        assertThat(a.saved.get(a.saved.size() - 1).count())
                .as("a published 400, b went on from there")
                .isEqualTo(400);
    }

    /** {@code count} labelled predictions of the model, with known labels (seeded) and increasing timestamps. */
    private List<Prediction> stream(int count) {
        Random random = new Random(15);
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        List<Prediction> stream = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int trueLabel = random.nextInt(FashionLabels.COUNT);
            int predicted = random.nextDouble() < 0.8 ? trueLabel : random.nextInt(FashionLabels.COUNT);
            double[] probabilities = new double[FashionLabels.COUNT];
            probabilities[predicted] = 1.0;
            stream.add(new Prediction(
                    "img-" + i,
                    model,
                    1,
                    predicted,
                    FashionLabels.name(predicted),
                    probabilities,
                    trueLabel,
                    1.0,
                    start.plusMillis(i)));
        }
        return stream;
    }

    /** The records of one of two partitions (image number modulo 2). */
    private static List<Prediction> half(List<Prediction> batch, int partition) {
        return batch.stream()
                .filter(p -> Integer.parseInt(p.id().substring(4)) % 2 == partition)
                .toList();
    }

    private static List<RawRecord> records(List<Prediction> predictions) {
        return predictions.stream()
                .map(p -> new RawRecord(Topics.PREDICTIONS, p.id(), JsonCodec.toBytes(p), Instant.now()))
                .toList();
    }

    private long storedSnapshots() {
        try (Connection connection = dataSource.getConnection();
                var count =
                        connection.prepareStatement("SELECT count(*) FROM evaluation.snapshot WHERE model_id = ?")) {
            count.setString(1, model);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The figures of the whole stream, worked out here from the predictions in the order they were first counted:
     * the cumulative matrix, and the last W of them as the recent window.
     */
    private static final class Oracle {
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<Prediction> counted = new ArrayList<>();

        void count(List<Prediction> predictions) {
            for (Prediction p : predictions) {
                if (seen.add(p.id())) {
                    counted.add(p);
                }
            }
        }

        void assertMatches(Evaluation e, int images) {
            List<Prediction> upTo = counted.subList(0, images);
            long[][] matrix = matrix(upTo);
            long correct = 0;
            for (int c = 0; c < FashionLabels.COUNT; c++) {
                correct += matrix[c][c];
            }
            assertThat(e.count()).isEqualTo(images);
            assertThat(e.confusionMatrix()).isDeepEqualTo(matrix);
            assertThat(e.accuracy()).isCloseTo((double) correct / images, within(1e-12));
            assertThat(e.window().start())
                    .isEqualTo(upTo.stream()
                            .map(Prediction::timestamp)
                            .min(Instant::compareTo)
                            .orElseThrow());
            assertThat(e.window().end())
                    .isEqualTo(upTo.stream()
                            .map(Prediction::timestamp)
                            .max(Instant::compareTo)
                            .orElseThrow());
            assertThat(e.recent().count()).isEqualTo(WINDOW);
            assertThat(e.recent().confusionMatrix()).isDeepEqualTo(matrix(upTo.subList(images - WINDOW, images)));

            // and the rest of the figures exactly as one replica counting the whole stream alone computes them
            EvaluationBook alone = new EvaluationBook(POLICY, WINDOW);
            alone.apply(
                    upTo.stream()
                            .map(p -> new dev.fmnist.evaluation.service.LabelledPrediction(
                                    p.modelId(), p.modelVersion(), p.id(), p.trueLabel(), p.label(), p.timestamp()))
                            .toList(),
                    Instant.EPOCH);
            Evaluation one = alone.takeDue(Instant.EPOCH.plusSeconds(2)).get(0);
            assertThat(e.macroF1()).isCloseTo(one.macroF1(), within(1e-12));
            assertThat(e.weightedF1()).isCloseTo(one.weightedF1(), within(1e-12));
            assertThat(e.perClass()).isEqualTo(one.perClass());
            assertThat(e.recent().accuracy()).isCloseTo(one.recent().accuracy(), within(1e-12));
            assertThat(e.recent().macroF1()).isCloseTo(one.recent().macroF1(), within(1e-12));
        }

        private static long[][] matrix(List<Prediction> predictions) {
            long[][] m = new long[FashionLabels.COUNT][FashionLabels.COUNT];
            predictions.forEach(p -> m[p.trueLabel()][p.label()]++);
            return m;
        }
    }

    /**
     * One replica: restored from the store on start, its counter, and what its publisher does — only as the emitter,
     * after bringing its book up to date: take due snapshots, store them (the history; a real one then sends them).
     */
    private final class Replica {
        final EvaluationBook book = new EvaluationBook(POLICY, WINDOW);
        final PredictionCounter counter;
        final Leadership leadership;
        final List<Evaluation> saved = new ArrayList<>();
        private final SnapshotRepository snapshots = new SnapshotRepository(dataSource);
        private Connection lockConnection;

        Replica() {
            JdbcCountStore store = new JdbcCountStore(dataSource);
            book.restore(store.loadAll(WINDOW), Instant.now());
            counter = new PredictionCounter(store, book, Clock.systemUTC());
            AdvisoryLock lock = new AdvisoryLock(
                    () -> {
                        lockConnection = dataSource.getConnection();
                        return lockConnection;
                    },
                    key);
            leadership = new Leadership(lock, new BookSync(store, book, Clock.systemUTC(), WINDOW));
            replicas.add(this);
        }

        /** Counts a batch; @return it, for the oracle (which drops what was counted before) */
        List<Prediction> count(List<Prediction> batch) {
            counter.handle(records(batch));
            return batch;
        }

        void publishDue(Instant now) {
            if (!leadership.isLeader()) {
                return;
            }
            leadership.syncBook();
            for (Evaluation e : book.takeDue(now)) {
                if (e.modelId().equals(model)) {
                    snapshots.save(e);
                    saved.add(e);
                }
            }
        }

        Evaluation latest() {
            return book.latest(model).orElseThrow();
        }

        /** kill -9: the process is gone, and with it its sessions (the lock's among them). */
        void kill() throws SQLException {
            lockConnection.close();
        }
    }
}
