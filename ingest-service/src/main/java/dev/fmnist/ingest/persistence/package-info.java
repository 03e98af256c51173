/**
 * The dataset catalog in PostgreSQL schema {@code ingest}: {@link dev.fmnist.ingest.persistence.JdbcDatasetStore}
 * implements the core's {@link dev.fmnist.ingest.service.DatasetStore} with plain SQL inside {@code @Transactional}
 * methods; Flyway migrations in db/migration own the schema.
 */
package dev.fmnist.ingest.persistence;
