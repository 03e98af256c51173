/**
 * Kafka adapters only: the batch consumer of {@code fmnist.images.input} that emits on {@code fmnist.predictions}
 * and {@code fmnist.rejected}, and the follower of the model registry log {@code fmnist.models}.
 */
package dev.fmnist.inference.messaging;
