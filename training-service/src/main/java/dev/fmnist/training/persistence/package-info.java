/**
 * PostgreSQL adapters (schema {@code training}, migrated by Flyway): the ports of datasets heard of, jobs, the model
 * registry's versions, model files and status history, and the outbox of {@code fmnist.models}. Plain SQL on the
 * injected {@code DataSource} inside {@code @Transactional} methods; only this service writes these tables.
 */
package dev.fmnist.training.persistence;
