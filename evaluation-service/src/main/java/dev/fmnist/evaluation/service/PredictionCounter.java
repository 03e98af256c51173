package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Rejection;

import java.time.Clock;
import java.util.List;

/**
 * Handles one batch of prediction records: sorts it, makes the new labelled predictions durable through the
 * {@link CountStore} (one transaction), then counts them in the {@link EvaluationBook}. Only after this returns may
 * the batch's offsets be committed.
 */
public final class PredictionCounter {

    private final PredictionIntake intake = new PredictionIntake();
    private final CountStore store;
    private final EvaluationBook book;
    private final Clock clock;

    public PredictionCounter(CountStore store, EvaluationBook book, Clock clock) {
        this.store = store;
        this.book = book;
        this.clock = clock;
    }

    /**
     * @param records a batch in consumption order
     * @return what became of it
     */
    public Outcome handle(List<RawRecord> records) {
        PredictionIntake.Sorted sorted = intake.sort(records);
        List<LabelledPrediction> counted = sorted.labelled().isEmpty() ? List.of() : store.countNew(sorted.labelled());
        book.apply(counted, clock.instant());
        int duplicates = sorted.repeatedInBatch() + sorted.labelled().size() - counted.size();
        return new Outcome(counted.size(), duplicates, sorted.unlabelled(), sorted.rejections());
    }

    /**
     * What became of a batch.
     *
     * @param counted    labelled predictions counted for the first time
     * @param duplicates labelled predictions of a (model, image) already counted (ignored)
     * @param unlabelled valid predictions without ground truth (not counted)
     * @param rejections refused records, to publish on {@code fmnist.rejected}
     */
    public record Outcome(int counted, int duplicates, int unlabelled, List<Rejection> rejections) {}
}
