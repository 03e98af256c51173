/**
 * PostgreSQL access (schema {@code training}, migrated by Flyway): datasets heard of, jobs, and the model registry's
 * versions, model files and status history. Plain JDBC; only this service writes these tables.
 */
package dev.fmnist.training.persistence;
