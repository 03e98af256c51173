/**
 * The model registry: versions with their metrics and files, the promotion gate, manual promotion and rollback, and
 * the {@code fmnist.models} events for every change.
 */
package dev.fmnist.training.registry;
