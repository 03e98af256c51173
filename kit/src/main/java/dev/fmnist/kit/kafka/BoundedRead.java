package dev.fmnist.kit.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a whole topic once: every partition from its beginning up to the end offsets taken when the read starts,
 * with an assigned consumer (no group, nothing committed). Records written after the start are not read, so the
 * read always ends. A read that makes no progress for the stall timeout fails instead of waiting for ever.
 */
public final class BoundedRead {

    /** Called before every poll; throws to stop the read (a cancellation, for example). */
    @FunctionalInterface
    public interface Checkpoint {
        void check();
    }

    private final Duration stallTimeout;
    private final Duration partitionsTimeout;

    /**
     * @param stallTimeout      how long the read may go without a record before it fails
     * @param partitionsTimeout how long to wait for the topic's partitions
     */
    public BoundedRead(Duration stallTimeout, Duration partitionsTimeout) {
        this.stallTimeout = stallTimeout;
        this.partitionsTimeout = partitionsTimeout;
    }

    /** A read with a 5-minute stall timeout and 30 s to find the topic. */
    public BoundedRead() {
        this(Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    /**
     * @param consumer   an unused consumer, closed by the caller
     * @param topic      the topic
     * @param checkpoint run before every poll
     * @param sink       takes every record below the end offsets, in partition order
     * @return the end offsets that bounded the read
     * @throws IllegalStateException when the topic does not exist or the read stalls
     */
    public <K, V> Map<TopicPartition, Long> read(
            Consumer<K, V> consumer,
            String topic,
            Checkpoint checkpoint,
            java.util.function.Consumer<ConsumerRecord<K, V>> sink) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, partitionsTimeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned, partitionsTimeout);
        long lastProgress = System.nanoTime();
        while (!reachedEnd(consumer, end)) {
            checkpoint.check();
            ConsumerRecords<K, V> batch = consumer.poll(Duration.ofMillis(500));
            if (!batch.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            for (ConsumerRecord<K, V> record : batch) {
                if (record.offset() < end.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                    sink.accept(record);
                }
            }
            if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException(
                        "reading " + topic + " stalled for " + stallTimeout + " before its end offsets " + end);
            }
        }
        return end;
    }

    /**
     * The topic as a table, as compaction keeps it: the last value per key, a null value (tombstone) removing the
     * key; records without a key are left out.
     *
     * @param consumer an unused consumer, closed by the caller
     * @param topic    the topic
     * @param decode   turns a record value into the table's value
     * @return key → latest value, in key order
     */
    public <K extends Comparable<K>, V, T> SortedMap<K, T> latestPerKey(
            Consumer<K, V> consumer, String topic, Function<V, T> decode) {
        SortedMap<K, T> table = new TreeMap<>();
        read(consumer, topic, () -> {}, record -> {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                table.remove(record.key());
            } else {
                table.put(record.key(), decode.apply(record.value()));
            }
        });
        return table;
    }

    private static boolean reachedEnd(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
