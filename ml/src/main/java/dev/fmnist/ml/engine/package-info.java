/**
 * Engine-neutral trained models: {@link dev.fmnist.ml.engine.TrainedModel} predicts probabilities, describes
 * itself and writes its file entries; {@link dev.fmnist.ml.engine.NetworkModel} (DL4J) and
 * {@link dev.fmnist.ml.engine.PcaTreeModel} (PCA + CART tree, the project's own binary entries) implement it.
 */
package dev.fmnist.ml.engine;
