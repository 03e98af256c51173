/**
 * The model registry: versions with their metrics and files, the promotion gate, manual promotion and rollback, and
 * the {@code fmnist.models} events of every change, written to the outbox in the change's transaction and published
 * by the {@link dev.fmnist.training.registry.ModelEventRelay}.
 */
package dev.fmnist.training.registry;
