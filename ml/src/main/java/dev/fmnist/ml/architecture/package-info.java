/**
 * Pluggable network architectures: {@link dev.fmnist.ml.architecture.Architecture} turns validated
 * {@link dev.fmnist.ml.architecture.HyperParameters} into a DL4J configuration; {@link
 * dev.fmnist.ml.architecture.Architectures} finds them by name (built-ins plus {@link java.util.ServiceLoader}).
 */
package dev.fmnist.ml.architecture;
