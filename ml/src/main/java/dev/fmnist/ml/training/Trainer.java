package dev.fmnist.ml.training;

import dev.fmnist.ml.engine.TrainedModel;

import java.util.List;

/**
 * One engine's training: fits a model on the training split and returns it as a {@link TrainedModel}, reporting
 * epochs to the listener. {@link ModelTrainer} splits the data, checks the spec and picks the engine.
 */
public interface Trainer {

    /**
     * @param spec       what to train
     * @param resolved   the checked spec (network configuration or tree settings, effective hyper-parameters)
     * @param train      the training split
     * @param validation the validation split (may be empty)
     * @param listener   progress and cancellation
     * @return the trained model and how the training went
     * @throws TrainingCancelledException when the listener cancelled
     */
    Outcome train(
            TrainingSpec spec,
            TrainingSpec.Resolved resolved,
            TrainingData train,
            TrainingData validation,
            TrainingListener listener);

    /**
     * What a training produced.
     *
     * @param model        the trained model (the best epoch's, with early stopping)
     * @param epochs       the end-of-epoch updates, in order
     * @param bestEpoch    epoch whose model was kept
     * @param stoppedEarly whether early stopping ended the training before the planned epochs
     */
    record Outcome(TrainedModel model, List<TrainingUpdate> epochs, int bestEpoch, boolean stoppedEarly) {}
}
