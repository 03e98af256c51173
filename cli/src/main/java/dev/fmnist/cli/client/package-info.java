/**
 * Small typed clients of the services' HTTP APIs ({@code java.net.http} and the contract's {@code JsonCodec}), the
 * records their answers are read into, and {@link dev.fmnist.cli.client.TopicFollower}, which follows a contract topic
 * (training progress, evaluations) with a plain Kafka consumer.
 */
package dev.fmnist.cli.client;
