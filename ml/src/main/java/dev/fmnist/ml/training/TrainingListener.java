package dev.fmnist.ml.training;

/** Receives a running training's progress, and may cancel it. Called on the training thread. */
public interface TrainingListener {

    /** Listens to nothing. */
    TrainingListener NONE = new TrainingListener() {};

    /** Every {@link TrainingSpec#progressEveryBatches()} batches (never when that is 0). */
    default void onBatch(TrainingUpdate update) {}

    /** After every epoch, with train and validation accuracy. */
    default void onEpoch(TrainingUpdate update) {}

    /** @return true to stop the training before its next batch ({@link TrainingCancelledException}) */
    default boolean isCancelled() {
        return false;
    }
}
