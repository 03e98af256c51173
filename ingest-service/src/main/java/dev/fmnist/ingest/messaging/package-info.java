/**
 * Kafka adapters implementing the core's ports: the bulk producer for split topics and replays
 * ({@code RecordPublisher}), topic creation ({@code SplitTopics}), the split-topic reader ({@code SplitReader}) and
 * the emitters for {@code fmnist.datasets} and {@code fmnist.rejected} ({@code DatasetAnnouncer}).
 */
package dev.fmnist.ingest.messaging;
