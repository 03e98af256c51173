package dev.fmnist.ml.training;

import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.ModelBundle;

import java.util.List;

/**
 * What a finished training produced.
 *
 * @param bundle          the trained model (the best epoch's weights when early stopping is on)
 * @param validation      confusion matrix of the returned model on the validation split, null without one
 * @param epochs          the end-of-epoch updates, in order
 * @param bestEpoch       epoch whose weights were kept
 * @param stoppedEarly    whether early stopping ended the training before the planned epochs
 * @param trainingSeconds wall time of the whole training
 * @param trainCount      images trained on
 * @param validationCount images held out for validation
 */
public record TrainingResult(
        ModelBundle bundle,
        ConfusionMatrix validation,
        List<TrainingUpdate> epochs,
        int bestEpoch,
        boolean stoppedEarly,
        double trainingSeconds,
        int trainCount,
        int validationCount) {}
