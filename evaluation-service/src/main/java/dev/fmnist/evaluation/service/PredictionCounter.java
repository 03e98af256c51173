package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Rejection;

import java.time.Clock;
import java.util.List;

/**
 * Handles one batch of prediction records: sorts it, makes the new labelled predictions durable through the
 * {@link CountStore} (one transaction, which also keeps the newest of them as cell samples in the
 * {@link SampleStore}: {@link SampleSelection}), then counts them in the {@link EvaluationBook}. Only after this
 * returns may the batch's offsets be committed. Once counted, every valid prediction of the batch, labelled or not,
 * is shown to the {@link PredictionObserver} (the drift window of the predicted classes).
 */
public final class PredictionCounter {

    private final PredictionIntake intake = new PredictionIntake();
    private final CountStore store;
    private final EvaluationBook book;
    private final Clock clock;
    private final SampleStore samples;
    private final int perCell;
    private final PredictionObserver observer;

    /** A counter that keeps no cell samples. */
    public PredictionCounter(CountStore store, EvaluationBook book, Clock clock) {
        this(store, book, clock, null, 0);
    }

    /**
     * @param samples where the cell samples are kept (null: none)
     * @param perCell K, samples kept per (model, trueLabel, predictedLabel) cell (0: none)
     */
    public PredictionCounter(CountStore store, EvaluationBook book, Clock clock, SampleStore samples, int perCell) {
        this(store, book, clock, samples, perCell, PredictionObserver.NONE);
    }

    /** @param observer sees every valid prediction of a batch once it is counted */
    public PredictionCounter(
            CountStore store,
            EvaluationBook book,
            Clock clock,
            SampleStore samples,
            int perCell,
            PredictionObserver observer) {
        this.observer = observer;
        this.store = store;
        this.book = book;
        this.clock = clock;
        this.samples = perCell > 0 ? samples : null;
        this.perCell = perCell;
    }

    /**
     * @param records a batch in consumption order
     * @return what became of it
     */
    public Outcome handle(List<RawRecord> records) {
        PredictionIntake.Sorted sorted = intake.sort(records);
        List<LabelledPrediction> counted;
        if (sorted.labelled().isEmpty()) {
            counted = List.of();
        } else if (samples == null) {
            counted = store.countNew(sorted.labelled());
        } else {
            counted = store.countNew(
                    sorted.labelled(), news -> samples.keep(SampleSelection.newestPerCell(news, perCell), perCell));
        }
        book.apply(counted, clock.instant());
        observer.observe(sorted.valid());
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
