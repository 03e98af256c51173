/**
 * The DL4J engine behind the project's own types: a trained network travels as a {@link dev.fmnist.ml.ModelBundle}
 * (DL4J model file + {@link dev.fmnist.ml.ModelMetadata}: architecture, input layout, normalisation), and is used
 * through a {@link dev.fmnist.ml.Classifier}. {@link dev.fmnist.ml.Dl4jRuntime} configures ND4J once per JVM.
 */
package dev.fmnist.ml;
