/**
 * Pluggable architectures: {@link dev.fmnist.ml.architecture.Architecture} names a model family and its defaults;
 * a {@link dev.fmnist.ml.architecture.NetworkArchitecture} turns validated
 * {@link dev.fmnist.ml.architecture.HyperParameters} into a DL4J configuration, {@link
 * dev.fmnist.ml.architecture.PcaTree} into the PCA + CART tree's settings; {@link
 * dev.fmnist.ml.architecture.Architectures} finds them by name (built-ins plus {@link java.util.ServiceLoader}).
 */
package dev.fmnist.ml.architecture;
