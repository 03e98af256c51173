package dev.fmnist.ml.training;

/**
 * One progress report of a running training.
 *
 * @param epoch              current epoch, 1-based
 * @param totalEpochs        epochs planned
 * @param batch              batches done in this epoch, or null at an epoch's end
 * @param batchesPerEpoch    batches per epoch
 * @param loss               mean training loss of the epoch so far
 * @param trainAccuracy      at an epoch's end: accuracy on a fixed sample of the training split, in inference mode
 * @param validationAccuracy at an epoch's end: accuracy on the validation split, null without one
 * @param imagesPerSecond    training throughput of the epoch so far (forward and backward passes only)
 * @param elapsedSeconds     since the training started
 * @param etaSeconds         estimated seconds to the last epoch's end
 */
public record TrainingUpdate(
        int epoch,
        int totalEpochs,
        Integer batch,
        int batchesPerEpoch,
        double loss,
        Double trainAccuracy,
        Double validationAccuracy,
        double imagesPerSecond,
        double elapsedSeconds,
        double etaSeconds) {}
