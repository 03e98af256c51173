package dev.fmnist.platform.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Map;

/**
 * How one topic is created: partitions and retention.
 *
 * @param name        topic name
 * @param partitions  number of partitions
 * @param retention   how long records are kept; {@code null} keeps them forever ({@code retention.ms=-1})
 * @param compacted   whether the broker compacts the topic by key ({@code cleanup.policy=compact}: the latest record
 *                    per key is kept), otherwise {@code delete}
 * @param description why the topic has this shape (shown in docs and by {@code fmnist status})
 */
public record TopicSpec(String name, int partitions, Duration retention, boolean compacted, String description) {

    /** Replication factor of every topic: the platform is a single broker. */
    public static final short REPLICATION_FACTOR = 1;

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
    }

    /** A topic that is not compacted. */
    public TopicSpec(String name, int partitions, Duration retention, String description) {
        this(name, partitions, retention, false, description);
    }

    /** A topic compacted by key that keeps the latest record per key forever. */
    public static TopicSpec compactedForever(String name, int partitions, String description) {
        return new TopicSpec(name, partitions, null, true, description);
    }

    /** A topic that keeps its records forever. */
    public static TopicSpec forever(String name, int partitions, String description) {
        return new TopicSpec(name, partitions, null, description);
    }

    /** A topic that keeps its records for {@code retention}. */
    public static TopicSpec keptFor(String name, int partitions, Duration retention, String description) {
        return new TopicSpec(name, partitions, retention, description);
    }

    /** @return {@code true} when records are never deleted by age */
    public boolean keptForever() {
        return retention == null;
    }

    /** @return the value of the topic's {@code retention.ms} setting */
    public long retentionMs() {
        return retention == null ? -1L : retention.toMillis();
    }

    /** @return the topic-level configuration this spec sets */
    public Map<String, String> configs() {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retentionMs()),
                TopicConfig.RETENTION_BYTES_CONFIG,
                "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    }

    /** @return the Admin API request that creates this topic */
    public NewTopic toNewTopic() {
        return new NewTopic(name, partitions, REPLICATION_FACTOR).configs(configs());
    }
}
