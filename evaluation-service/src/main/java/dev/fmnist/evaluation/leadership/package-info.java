/**
 * Several replicas, one emitter: the holder of a PostgreSQL session advisory lock
 * ({@link dev.fmnist.evaluation.leadership.AdvisoryLock}) publishes Evaluations, after bringing its book up to date
 * with what every replica counted; the others count their partitions and follow
 * ({@link dev.fmnist.evaluation.leadership.Leadership}).
 */
package dev.fmnist.evaluation.leadership;
