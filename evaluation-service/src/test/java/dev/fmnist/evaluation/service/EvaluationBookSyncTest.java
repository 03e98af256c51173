package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book of a replica whose store is shared with others: what it counts itself and what it reads back from the
 * store never count twice, whichever comes first, and what the others counted is published within the emission
 * policy's delay. Pure logic: the store's answers are written by hand.
 */
class EvaluationBookSyncTest {

    private static final String MODEL = "m1";
    private static final int WINDOW = 3;
    private static final EmissionPolicy POLICY = new EmissionPolicy(1000, Duration.ofSeconds(5), Duration.ofSeconds(1));

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final EvaluationBook book = new EvaluationBook(POLICY, WINDOW);

    @Test
    void aBatchAlreadyReadFromTheStoreIsNotCountedAgain() {
        List<LabelledPrediction> stream = stream(5);
        book.apply(batch(stream.subList(0, 3), 0), now);
        assertThat(book.count(MODEL)).isEqualTo(3);

        // the batch of images 4..5 committed; a read of the store sees it before this replica applies it
        assertThat(book.behind(List.of(new ModelMark(MODEL, 5, 0)), false)).containsExactly(MODEL);
        book.install(List.of(state(stream, 5, null, 0)), now, false);
        book.apply(batch(stream.subList(3, 5), 3), now);

        assertThat(book.count(MODEL)).as("counted once").isEqualTo(5);
        assertThat(book.behind(List.of(new ModelMark(MODEL, 5, 0)), false)).isEmpty();
        Evaluation e = book.takeDue(now.plusSeconds(2)).get(0);
        assertThat(e.confusionMatrix()).isDeepEqualTo(matrix(stream));
        assertThat(e.recent().count()).isEqualTo(WINDOW);
    }

    @Test
    void aGapLeftByAnotherReplicaWaitsForTheStoreBeforeItIsPublished() {
        List<LabelledPrediction> stream = stream(7);
        book.apply(batch(stream.subList(0, 3), 0), now);
        assertThat(book.takeDue(now.plusSeconds(2))).hasSize(1);

        // another replica counted images 4..5; this one counts 6..7 next
        book.apply(batch(stream.subList(5, 7), 5), now);
        assertThat(book.takeDue(now.plusSeconds(60)))
                .as("a state missing the other replica's images is not published")
                .isEmpty();
        assertThat(book.behind(List.of(new ModelMark(MODEL, 7, 0)), false)).containsExactly(MODEL);

        book.install(List.of(state(stream, 7, null, 0)), now, false);
        Evaluation e = book.takeDue(now.plusSeconds(2)).get(0);
        assertThat(e.count()).isEqualTo(7);
        assertThat(e.confusionMatrix()).isDeepEqualTo(matrix(stream));
    }

    @Test
    void whatAnotherReplicaCountedIsPublishedWithinTheDelayAndAnOlderReadChangesNothing() {
        List<LabelledPrediction> stream = stream(6);
        book.apply(batch(stream.subList(0, 4), 0), now);
        book.takeDue(now.plusSeconds(2));

        Instant synced = now.plusSeconds(10);
        book.install(List.of(state(stream, 6, null, 0)), synced, false);
        assertThat(book.takeDue(synced.plusMillis(500)))
                .as("before the quiet period")
                .isEmpty();
        Evaluation e = book.takeDue(synced.plus(POLICY.quietAfter())).get(0);
        assertThat(e.count()).isEqualTo(6);

        // a read older than the book (taken before its last batch) neither rolls it back nor makes anything due
        book.install(List.of(state(stream, 4, null, 0)), synced, false);
        assertThat(book.count(MODEL)).isEqualTo(6);
        assertThat(book.takeDue(synced.plusSeconds(60))).isEmpty();
    }

    @Test
    void aFollowerTakesOverTheSnapshotsTheEmitterPublished() {
        List<LabelledPrediction> stream = stream(4);
        book.apply(batch(stream.subList(0, 2), 0), now);
        EvaluationBook emitter = new EvaluationBook(POLICY, WINDOW);
        emitter.install(List.of(state(stream, 4, null, 0)), now, true);
        Evaluation published = emitter.takeDue(now.plusSeconds(2)).get(0);

        List<ModelMark> marks = List.of(new ModelMark(MODEL, 4, 17));
        assertThat(book.behind(marks, true)).containsExactly(MODEL);
        List<Evaluation> taken = book.install(List.of(state(stream, 4, published, 17)), now, true);

        assertThat(taken).containsExactly(published);
        assertThat(book.latest(MODEL)).contains(published);
        assertThat(book.behind(marks, true)).isEmpty();
        assertThat(book.install(List.of(state(stream, 4, published, 17)), now, true))
                .as("the same snapshot is not taken twice")
                .isEmpty();
        assertThat(book.takeDue(now.plusSeconds(60)))
                .as("nothing unpublished: were it to emit, it would have nothing to add")
                .isEmpty();
    }

    private static List<LabelledPrediction> stream(int n) {
        List<LabelledPrediction> stream = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stream.add(new LabelledPrediction(
                    MODEL,
                    1,
                    "img-" + i,
                    i % 3,
                    i % 2 == 0 ? i % 3 : 9,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        return stream;
    }

    /** A batch as the shared store returns it: its predictions and the model's count before and after. */
    private static CountedBatch batch(List<LabelledPrediction> counted, long before) {
        return new CountedBatch(counted, Map.of(MODEL, new CountedBatch.Range(before, before + counted.size())));
    }

    /** What the store holds after the first {@code images} of the stream. */
    private static ModelState state(List<LabelledPrediction> stream, int images, Evaluation published, long id) {
        List<LabelledPrediction> counted = stream.subList(0, images);
        return new ModelState(
                MODEL,
                1,
                matrix(counted),
                counted.get(0).predictedAt(),
                counted.get(images - 1).predictedAt(),
                counted.subList(Math.max(0, images - WINDOW), images),
                published,
                id);
    }

    private static long[][] matrix(List<LabelledPrediction> predictions) {
        long[][] m = new long[FashionLabels.COUNT][FashionLabels.COUNT];
        predictions.forEach(p -> m[p.trueLabel()][p.predictedLabel()]++);
        return m;
    }
}
