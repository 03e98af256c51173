/** The dataset catalog in PostgreSQL schema {@code ingest} (plain JDBC; Flyway migrations in db/migration). */
package dev.fmnist.ingest.persistence;
