package dev.fmnist.ml.training;

/** Thrown by the trainer when its {@link TrainingListener} asked it to stop. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException(String message) {
        super(message);
    }
}
