/**
 * The engines behind the project's own types (see {@code ml/README.md}): a trained model of any engine
 * ({@link dev.fmnist.ml.engine.TrainedModel}: a DL4J network, the PCA + CART tree) travels as a
 * {@link dev.fmnist.ml.ModelBundle} (its file entries + {@link dev.fmnist.ml.ModelMetadata}: architecture, engine,
 * input layout, normalisation, provenance), and is used through a {@link dev.fmnist.ml.Classifier}.
 * {@link dev.fmnist.ml.Dl4jRuntime} configures ND4J once per JVM.
 */
package dev.fmnist.ml;
