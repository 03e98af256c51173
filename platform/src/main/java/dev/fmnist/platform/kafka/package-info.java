/**
 * The embedded Kafka broker (KRaft, its own JVM) and the contract topics it is provisioned with.
 *
 * <p>{@link dev.fmnist.platform.kafka.KafkaBroker} forks and stops the broker, {@link
 * dev.fmnist.platform.kafka.BrokerLauncher} is the broker JVM's entry point, {@link
 * dev.fmnist.platform.kafka.ContractTopics} is the table of partitions and retention per topic, and {@link
 * dev.fmnist.platform.kafka.TopicProvisioner} creates what is missing.
 */
package dev.fmnist.platform.kafka;
