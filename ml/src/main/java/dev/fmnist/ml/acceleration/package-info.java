/**
 * Work-arounds, inside our own code, for what makes DL4J 1.0.0-M2.1 train slower than it must on the CPU
 * (docs/dl4j-performance.md): the batch-norm statistics computed with a slow strided reduction, the forward product
 * computed again in backprop, the gradient of the input images computed and thrown away, dense products on OpenBLAS
 * where oneDNN is 3× faster. {@link dev.fmnist.ml.acceleration.TrainingAccelerations} applies them to a network
 * before training; the saved network is plain DL4J.
 */
package dev.fmnist.ml.acceleration;
