/**
 * A model in shadow (the challenger) against the production model (the champion) on the labelled images both
 * predicted: the paired counts ({@link dev.fmnist.evaluation.comparison.PairedCounts}, read through the
 * {@link dev.fmnist.evaluation.comparison.PairedPredictions} port), McNemar's exact test, the paired difference's
 * interval, per-class F1 deltas and the verdict ({@link dev.fmnist.evaluation.comparison.ChallengerComparison}), and
 * {@link dev.fmnist.evaluation.comparison.Comparisons}, which attaches the comparison to each emitted Evaluation of a
 * model in shadow and hands BETTER and WORSE verdicts on ({@link dev.fmnist.evaluation.comparison.VerdictSink}).
 * Plain logic: it imports no adapter.
 */
package dev.fmnist.evaluation.comparison;
