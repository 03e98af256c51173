/**
 * Which model serves, and how it gets there: {@link dev.fmnist.inference.model.ProductionRegistry} replays
 * {@code fmnist.models} into "who is production", {@link dev.fmnist.inference.model.ArtifactStore} fetches and
 * verifies the model file, {@link dev.fmnist.inference.model.ModelActivator} loads it and swaps it into the
 * {@link dev.fmnist.inference.model.ServingModelHolder} atomically. Plain Java, no Quarkus.
 */
package dev.fmnist.inference.model;
