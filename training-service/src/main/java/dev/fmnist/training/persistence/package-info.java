/**
 * PostgreSQL access (schema {@code training}, migrated by Flyway): datasets heard of, jobs, the model registry's
 * versions, model files and status history, and the outbox of {@code fmnist.models}. Plain JDBC; only this service
 * writes these tables.
 */
package dev.fmnist.training.persistence;
