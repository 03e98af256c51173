/**
 * What follows a decided comparison: the {@code CHALLENGER_VERDICT} alert on the first BETTER or WORSE verdict of a
 * (challenger, champion) pair, and, with {@code fmnist.evaluation.auto-promote=true}, the promotion of a BETTER
 * challenger through training-service's {@code POST /models/{id}/promote}, once per pair, retried with backoff off the
 * consumer thread ({@link dev.fmnist.evaluation.promotion.ChallengerVerdicts},
 * {@link dev.fmnist.evaluation.promotion.Promoter}). Its ports: {@link dev.fmnist.evaluation.promotion.VerdictLog}
 * (PostgreSQL: what was already alerted and promoted), {@link dev.fmnist.evaluation.promotion.AlertSink}
 * ({@code fmnist.alerts}) and {@link dev.fmnist.evaluation.promotion.ModelRegistryApi} (training-service, called with an
 * operator JWT evaluation-service signs itself: {@link dev.fmnist.evaluation.promotion.RegistryClient}).
 */
package dev.fmnist.evaluation.promotion;
