/**
 * Training and evaluation: {@link dev.fmnist.ml.training.ModelTrainer} turns a
 * {@link dev.fmnist.ml.training.TrainingSpec} and in-memory {@link dev.fmnist.ml.training.TrainingData} into a
 * {@link dev.fmnist.ml.ModelBundle} through the architecture's engine ({@link dev.fmnist.ml.training.Trainer}),
 * reporting to a {@link dev.fmnist.ml.training.TrainingListener}; {@link dev.fmnist.ml.training.ModelEvaluator}
 * measures a model of any engine on a labelled split.
 */
package dev.fmnist.ml.training;
