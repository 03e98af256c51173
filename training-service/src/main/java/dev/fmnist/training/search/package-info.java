/**
 * Hyper-parameter search, as plain logic and its port: a search job's grid expanded (or a seeded sample of it) into
 * trials ({@link dev.fmnist.training.search.Grid}), each trial's effective job and its fold jobs
 * ({@link dev.fmnist.training.search.SearchPlan}), fold scores, mean ± sd and the best trial
 * ({@link dev.fmnist.training.search.Scores}), and what a search does next when a fold or its final job ends
 * ({@link dev.fmnist.training.search.SearchRules}). {@link dev.fmnist.training.search.SearchStore} is the table of
 * searches, trials and folds, implemented by {@code persistence}; the service package runs the searches with it.
 */
package dev.fmnist.training.search;
