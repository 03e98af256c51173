package dev.fmnist.ml.training;

import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.ModelBundle;

/** Measures a trained model on labelled images: the contract's {@link ConfusionMatrix} and the metrics over it. */
public final class ModelEvaluator {

    /** Images per forward pass. */
    private static final int CHUNK = 1000;

    private ModelEvaluator() {}

    /** @return the confusion matrix of {@code bundle} on {@code data}, {@code [true][predicted]} */
    public static ConfusionMatrix evaluate(ModelBundle bundle, TrainingData data) {
        return evaluate(bundle.classifier(), data);
    }

    /** @return the confusion matrix of {@code classifier} on {@code data}, {@code [true][predicted]} */
    public static ConfusionMatrix evaluate(Classifier classifier, TrainingData data) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            double[][] probabilities =
                    classifier.predictProbabilities(data.images().subList(from, to));
            for (int i = from; i < to; i++) {
                matrix.add(data.labels()[i], Classifier.argMax(probabilities[i - from]));
            }
        }
        return matrix;
    }
}
