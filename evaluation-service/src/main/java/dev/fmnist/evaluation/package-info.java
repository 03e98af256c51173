/**
 * The evaluation service: counts labelled predictions per model once per image id, computes the contract's
 * metrics, emits {@link dev.fmnist.contracts.Evaluation} snapshots, stores them and serves them with a dashboard.
 */
package dev.fmnist.evaluation;
