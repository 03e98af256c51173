/**
 * Kafka adapters: the bulk producer for split topics and replays, topic creation, the split-topic reader and the
 * emitters for {@code fmnist.datasets} and {@code fmnist.rejected}.
 */
package dev.fmnist.ingest.messaging;
