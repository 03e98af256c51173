/**
 * The training-service's logic, free of messaging code: job validation, the per-instance queue and its worker,
 * reading dataset splits from Kafka into memory, and what gets published ({@link
 * dev.fmnist.training.service.TrainingEvents}).
 */
package dev.fmnist.training.service;
