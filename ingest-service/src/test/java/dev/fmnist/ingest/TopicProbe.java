package dev.fmnist.ingest;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a whole topic back from the test broker through SmallRye's {@link KafkaCompanion}. */
public final class TopicProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicProbe() {}

    /** @return every record of {@code topic} now: from each partition's first offset up to its end offset */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaCompanion companion = companion()) {
            Map<TopicPartition, Long> first = offsets(companion, topic, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(companion, topic, OffsetSpec.latest());
            long count = end.entrySet().stream()
                    .mapToLong(e -> e.getValue() - first.get(e.getKey()))
                    .sum();
            if (count == 0) {
                return List.of();
            }
            return companion
                    .consume(String.class, byte[].class)
                    .fromOffsets(first, count)
                    .awaitCompletion(TIMEOUT)
                    .getRecords();
        }
    }

    /** @return the number of records ever written to {@code topic} (sum of end offsets) */
    public static long endOffsets(String topic) {
        try (KafkaCompanion companion = companion()) {
            return offsets(companion, topic, OffsetSpec.latest()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static Map<TopicPartition, Long> offsets(KafkaCompanion companion, String topic, OffsetSpec spec) {
        List<TopicPartition> partitions = companion.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        return companion
                .offsets()
                .list(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static KafkaCompanion companion() {
        return new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }
}
