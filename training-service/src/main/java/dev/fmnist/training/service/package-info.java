/**
 * The training-service's core, free of adapter code: job validation, the per-instance {@link
 * dev.fmnist.training.service.JobQueue} and its worker, one job's {@link dev.fmnist.training.service.TrainingRun}
 * and its {@link dev.fmnist.training.service.ProgressReporter}, restart recovery, checking the splits read against
 * their announcement ({@link dev.fmnist.training.service.Lineage}), and the model registry: versions, the promotion
 * gate, manual promotion and rollback, whose changes are written with their {@code fmnist.models} events to the
 * outbox in one transaction and published by the {@link dev.fmnist.training.service.ModelEventRelay}; and
 * {@link dev.fmnist.training.service.Searches}, which runs hyper-parameter searches (the logic of package
 * {@code search}) over the jobs topic. The ports
 * ({@link dev.fmnist.training.service.JobStore}, {@link dev.fmnist.training.service.DatasetStore},
 * {@link dev.fmnist.training.service.ModelStore}, {@link dev.fmnist.training.service.Outbox},
 * {@link dev.fmnist.training.service.SplitSource}, {@link dev.fmnist.training.service.TrainingEvents}) are
 * implemented by {@code persistence} and {@code messaging}.
 */
package dev.fmnist.training.service;
