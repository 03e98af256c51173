/**
 * The pipeline's infrastructure for local runs and tests: a real Kafka broker and a real PostgreSQL.
 *
 * <p>{@link dev.fmnist.platform.FmnistPlatform} starts and stops both, configured by {@link
 * dev.fmnist.platform.PlatformSettings} ({@code local(...)} on the contract ports, or {@code forTests()} on random
 * ports in a temporary directory). {@link dev.fmnist.platform.PlatformEndpoints} is what a client needs to connect.
 */
package dev.fmnist.platform;
