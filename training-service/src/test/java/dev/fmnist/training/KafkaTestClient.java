package dev.fmnist.training;

import dev.fmnist.contracts.json.JsonCodec;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The tests' Kafka client, on SmallRye's {@link KafkaCompanion}: create topics, publish, and read a whole topic. */
final class KafkaTestClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaCompanion companion;
    private final List<ProducerRecord<String, byte[]>> pending = new ArrayList<>();

    KafkaTestClient(String bootstrap) {
        this.companion = new KafkaCompanion(bootstrap);
    }

    /** Creates the topic unless it exists, and waits until every partition has a leader. */
    void createTopic(String topic, int partitions) {
        if (!companion.topics().list().contains(topic)) {
            companion.topics().createAndWait(topic, partitions, TIMEOUT);
        }
    }

    void send(String topic, String key, Object value) {
        sendRaw(topic, key, JsonCodec.toBytes(value));
    }

    void sendRaw(String topic, String key, byte[] value) {
        publish(List.of(new ProducerRecord<>(topic, key, value)));
    }

    /** Collects a record to publish with the next {@link #flush()}. */
    void sendAsync(String topic, String key, Object value) {
        pending.add(new ProducerRecord<>(topic, key, JsonCodec.toBytes(value)));
    }

    /** Publishes the collected records, in order, and fails when one was not acknowledged. */
    void flush() {
        try {
            publish(pending);
        } finally {
            pending.clear();
        }
    }

    private void publish(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        // one request in flight: a batch refused by a just-created partition is retried before the next is sent
        companion
                .produce(Serdes.String(), Serdes.ByteArray())
                .withProp(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1")
                .fromRecords(List.copyOf(records))
                .awaitCompletion(TIMEOUT);
    }

    /** @return every record of the topic up to its current end */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        List<TopicPartition> partitions = companion.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        long count =
                partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
        if (count == 0) {
            return List.of();
        }
        return companion
                .consumeStrings()
                .fromOffsets(start, count)
                .awaitCompletion(TIMEOUT)
                .getRecords();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        return companion
                .offsets()
                .list(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** @return the values of the topic's records with {@code key}, decoded */
    <T> List<T> values(String topic, String key, Class<T> type) {
        return readAll(topic).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> JsonCodec.fromJson(r.value(), type))
                .toList();
    }

    @Override
    public void close() {
        companion.close();
    }
}
