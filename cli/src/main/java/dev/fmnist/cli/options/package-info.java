/**
 * Option groups (picocli mixins) shared by commands: where Kafka and PostgreSQL are, and where the project lives.
 * A command mixes them in with {@code @Mixin KafkaOptions kafka;}.
 */
package dev.fmnist.cli.options;
