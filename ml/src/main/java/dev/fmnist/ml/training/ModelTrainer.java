package dev.fmnist.ml.training;

import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.engine.TrainedModel;

import java.util.stream.IntStream;

/**
 * Trains a model of any engine on labelled images held in memory: a seeded, stratified validation split, then the
 * architecture's engine ({@link Trainer}: {@code NetworkTrainer} for DL4J networks, {@code PcaTreeTrainer} for the
 * PCA + CART tree) on the rest, with progress and cancellation through a {@link TrainingListener}. The result is a
 * {@link ModelBundle} that carries its architecture, normalisation and effective hyper-parameters.
 */
public final class ModelTrainer {

    /** Training images re-evaluated at each epoch's end for the train accuracy (networks). */
    static final int TRAIN_ACCURACY_SAMPLE = NetworkTrainer.TRAIN_ACCURACY_SAMPLE;

    private static final int EVAL_CHUNK = 1000;

    private ModelTrainer() {}

    /**
     * The simple path.
     *
     * @return the trained model
     * @throws dev.fmnist.ml.architecture.InvalidHyperParameterException when the spec is invalid
     * @throws TrainingCancelledException                                  when the listener cancelled
     */
    public static ModelBundle train(TrainingSpec spec, TrainingData data, TrainingListener listener) {
        return fit(spec, data, listener).bundle();
    }

    /**
     * Trains and reports how it went.
     *
     * @param spec     what to train
     * @param data     all labelled images; the validation split is carved out of them
     * @param listener progress and cancellation (may be {@link TrainingListener#NONE})
     * @return the model with its validation matrix and epoch history
     */
    public static TrainingResult fit(TrainingSpec spec, TrainingData data, TrainingListener listener) {
        Dl4jRuntime.initialise();
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training images");
        }
        StratifiedSplit split = spec.validationFraction() > 0
                ? StratifiedSplit.of(data.labels(), spec.validationFraction(), spec.seed())
                : new StratifiedSplit(IntStream.range(0, data.size()).toArray(), new int[0]);
        TrainingData train = data.subset(split.train());
        TrainingData validation = data.subset(split.validation());
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training images left after the validation split");
        }
        TrainingSpec.Resolved resolved = spec.resolve(train.size());
        Trainer trainer = resolved.tree() != null ? new PcaTreeTrainer() : new NetworkTrainer();
        long started = System.nanoTime();
        Trainer.Outcome outcome =
                trainer.train(spec, resolved, train, validation, listener == null ? TrainingListener.NONE : listener);
        double seconds = (System.nanoTime() - started) / 1e9;
        ConfusionMatrix validationMatrix = validation.size() == 0 ? null : confusion(outcome.model(), validation);
        return new TrainingResult(
                new ModelBundle(outcome.model()),
                validationMatrix,
                outcome.epochs(),
                outcome.bestEpoch(),
                outcome.stoppedEarly(),
                seconds,
                train.size(),
                validation.size());
    }

    /** @return the confusion matrix of one pass of {@code model} (no test-time augmentation) on {@code data} */
    static ConfusionMatrix confusion(TrainedModel model, TrainingData data) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
            int to = Math.min(data.size(), from + EVAL_CHUNK);
            double[][] probabilities = model.predictProbabilities(data.images().subList(from, to));
            for (int i = from; i < to; i++) {
                matrix.add(data.labels()[i], Classifier.argMax(probabilities[i - from]));
            }
        }
        return matrix;
    }
}
