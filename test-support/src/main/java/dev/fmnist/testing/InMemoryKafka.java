package dev.fmnist.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fast test tier's pieces: a service's channels on SmallRye's in-memory connector (no broker), and Kafka
 * records shaped as the Kafka connector hands them to a consumer.
 */
public final class InMemoryKafka {

    private InMemoryKafka() {}

    /**
     * A Quarkus test resource that switches the named channels to the in-memory connector before the application
     * starts and undoes the switch (it also sets system properties) when it stops, so the next test class gets its
     * Kafka channels back. A service's test profile names its channels in a subclass with a no-argument constructor.
     */
    public abstract static class Switch implements QuarkusTestResourceLifecycleManager {
        private final List<String> incoming;
        private final List<String> outgoing;

        protected Switch(List<String> incoming, List<String> outgoing) {
            this.incoming = incoming;
            this.outgoing = outgoing;
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> properties = new HashMap<>();
            properties.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(incoming.toArray(String[]::new)));
            properties.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(outgoing.toArray(String[]::new)));
            return properties;
        }

        @Override
        public void stop() {
            InMemoryConnector.clear();
        }
    }

    /** @return a record of partition 0 as the Kafka connector hands it over, timestamped now */
    public static ConsumerRecord<String, byte[]> record(String topic, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(
                topic,
                0,
                offset,
                System.currentTimeMillis(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    /** @return one poll's records, all of partition 0 of the first record's topic */
    public static ConsumerRecords<String, byte[]> batch(List<ConsumerRecord<String, byte[]>> records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(records.get(0).topic(), 0), records), Map.of());
    }
}
