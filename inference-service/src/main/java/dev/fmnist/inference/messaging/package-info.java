/**
 * Kafka adapters only: the batch consumer of {@code fmnist.images.input} that emits on {@code fmnist.predictions}
 * and {@code fmnist.rejected}, and the reader of the model registry log {@code fmnist.models} that feeds
 * {@link dev.fmnist.inference.model.RegistryFollower}.
 */
package dev.fmnist.inference.messaging;
