/**
 * The training-service's logic, free of messaging code: job validation, the per-instance queue and its worker,
 * restart recovery, reading dataset splits from Kafka into memory and checking them against their announcement
 * ({@link dev.fmnist.training.service.Lineage}), backoff while a dependency is down, and what gets published
 * ({@link dev.fmnist.training.service.TrainingEvents}).
 */
package dev.fmnist.training.service;
