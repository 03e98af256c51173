/**
 * PostgreSQL state of the service, schema {@code evaluation} (Flyway, {@code db/migration}): the counted
 * (model, image) pairs and confusion counts, updated together in one transaction per batch
 * ({@link dev.fmnist.evaluation.persistence.JdbcCountStore}), and the history of emitted snapshots
 * ({@link dev.fmnist.evaluation.persistence.SnapshotRepository}), and the registry's newest word on each model
 * ({@link dev.fmnist.evaluation.persistence.JdbcModelStore}), the cell samples
 * ({@link dev.fmnist.evaluation.persistence.JdbcSampleStore}, within the counting transaction) and the recent input
 * images ({@link dev.fmnist.evaluation.persistence.JdbcImageStore}). Plain SQL with batched statements, each public method one
 * transaction ({@code @Transactional}, quarkus-narayana-jta); an outage retry ({@code OutageGate}) wraps the call, so
 * a retried call starts a fresh transaction.
 */
package dev.fmnist.evaluation.persistence;
