/**
 * Kafka adapters only: the batch consumer of {@code fmnist.predictions}, the consumer of {@code fmnist.models}, the
 * publisher of {@code fmnist.evaluations}
 * (and of refused records on {@code fmnist.rejected}), and the timer that emits snapshots that fell due. The work
 * itself is in {@link dev.fmnist.evaluation.service}.
 */
package dev.fmnist.evaluation.messaging;
