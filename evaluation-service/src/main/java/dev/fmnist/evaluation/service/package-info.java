/**
 * Plain evaluation logic, testable without Quarkus: decoding and sorting a batch of prediction records
 * ({@link dev.fmnist.evaluation.service.PredictionIntake}), per-model cumulative and sliding-window state
 * ({@link dev.fmnist.evaluation.service.ModelEvaluation}, {@link dev.fmnist.evaluation.service.RecentWindow}),
 * when to emit ({@link dev.fmnist.evaluation.service.EmissionPolicy}), and the book of all models
 * ({@link dev.fmnist.evaluation.service.EvaluationBook}). Durable counting sits behind
 * {@link dev.fmnist.evaluation.service.CountStore}.
 */
package dev.fmnist.evaluation.service;
