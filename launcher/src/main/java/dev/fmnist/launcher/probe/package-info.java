/**
 * Read-only checks of a running pipeline: is Kafka there and which topics it has, does PostgreSQL accept the
 * application user, which services answer their readiness check. Used by {@code fmnist status} (and by later
 * commands that wait for the pipeline).
 */
package dev.fmnist.launcher.probe;
