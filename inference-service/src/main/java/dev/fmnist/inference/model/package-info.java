/**
 * Which model serves, and how it gets there. The registry (training-service) is the only source:
 * {@link dev.fmnist.inference.model.RegistryClient} asks it which model is production,
 * {@link dev.fmnist.inference.model.ArtifactStore} downloads that model's file from it (deadline, size cap, no
 * redirects) and verifies it against the registry's own SHA-256, {@link dev.fmnist.inference.model.ModelActivator}
 * loads it (the ml module's checked reader: no unknown or Java-serialized entries) and swaps it into the
 * {@link dev.fmnist.inference.model.ServingModelHolder} atomically, and
 * {@link dev.fmnist.inference.model.RegistryReconciler} does all that at start, every few seconds and on every model
 * event. {@link dev.fmnist.inference.model.RegistryFollower} is fed the records of {@code fmnist.models} (by the
 * messaging adapter), refuses forged ones ({@link dev.fmnist.inference.model.ArtifactUrlPolicy} tells a model event
 * pointing elsewhere from a genuine one), decides when the registry is asked, and holds what readiness, liveness and
 * {@code GET /model} report. Plain Java, no Quarkus, no Kafka.
 */
package dev.fmnist.inference.model;
