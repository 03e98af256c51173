package dev.fmnist.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a dataset split topic from its beginning to its current end, keeping the latest value per image id (what
 * compaction keeps), in id order.
 */
@ApplicationScoped
public class SplitTopicReader {

    private final KafkaClients clients;

    public SplitTopicReader(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * @param topic a split topic
     * @return image id → record value (InputImage JSON), sorted by id
     * @throws IllegalStateException when the topic does not exist
     */
    public SortedMap<String, byte[]> readAll(String topic) {
        SortedMap<String, byte[]> images = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.newReader()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        if (record.value() == null) {
                            images.remove(record.key());
                        } else {
                            images.put(record.key(), record.value());
                        }
                    }
                }
            }
        }
        return images;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
