package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;

import java.time.Clock;
import java.util.List;

/**
 * Brings an {@link EvaluationBook} up to date with a {@link CountStore} that several replicas count into: one cheap
 * look at every model's durable count (and newest stored snapshot), then one consistent read of only the models
 * whose store state is ahead of the book — cumulative counts, span, and the recent window (the model's W most
 * recently counted predictions, by counting order). Thread-safe (one sync at a time).
 */
public final class BookSync {

    private final CountStore store;
    private final EvaluationBook book;
    private final Clock clock;
    private final int windowSize;

    /**
     * @param windowSize W, the book's window size
     */
    public BookSync(CountStore store, EvaluationBook book, Clock clock, int windowSize) {
        this.store = store;
        this.book = book;
        this.clock = clock;
        this.windowSize = windowSize;
    }

    /**
     * @param withSnapshots also take over the snapshots others published (a replica that does not emit, or one that
     *                      just became the emitter and continues where the last one stopped)
     * @return the published snapshots taken over that are newer than those the book held
     */
    public synchronized List<Evaluation> sync(boolean withSnapshots) {
        List<String> behind = book.behind(store.marks(), withSnapshots);
        if (behind.isEmpty()) {
            return List.of();
        }
        return book.install(store.load(behind, windowSize), clock.instant(), withSnapshots);
    }
}
