/**
 * Quality and drift alerts as plain logic, testable without Quarkus (docs/alerts.md): the exact binomial lower tail
 * ({@link dev.fmnist.evaluation.alerts.Binomial}) behind {@code QUALITY_DROP}
 * ({@link dev.fmnist.evaluation.alerts.QualityCheck}, on each emitted Evaluation), the population stability index
 * ({@link dev.fmnist.evaluation.alerts.Psi}) behind {@code PREDICTION_DRIFT} and {@code INPUT_DRIFT}
 * ({@link dev.fmnist.evaluation.alerts.DriftMonitor}, windows of recent predictions and input images against the
 * production model's reference profile), and raising and clearing with a margin between the two levels
 * ({@link dev.fmnist.evaluation.alerts.Hysteresis}, {@link dev.fmnist.evaluation.alerts.AlertRaiser}). Alerts leave
 * through the port {@link dev.fmnist.evaluation.alerts.AlertOutlet}, whose shared state raises each condition once
 * across replicas.
 */
package dev.fmnist.evaluation.alerts;
