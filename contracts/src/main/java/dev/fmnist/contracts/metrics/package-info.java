/**
 * Classification metrics exactly as the contract defines them (confusion matrix, per-class precision, recall, F1,
 * accuracy, macro- and weighted F1), shared by training (test metrics at registration) and evaluation.
 */
package dev.fmnist.contracts.metrics;
