package dev.fmnist.evaluation.testing;

import dev.fmnist.evaluation.messaging.Channels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
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
 * The fast tier: every channel of the service on SmallRye's in-memory connector (no broker; PostgreSQL stays real),
 * so a test hands the consumers records and reads what they emit. Test classes with this profile share one
 * application.
 */
public class InMemoryChannels implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Switch.class));
    }

    /** Switches the channels to the in-memory connector before the application starts. */
    public static class Switch implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> properties = new HashMap<>();
            properties.putAll(
                    InMemoryConnector.switchIncomingChannelsToInMemory(Channels.PREDICTIONS, Channels.MODELS));
            properties.putAll(
                    InMemoryConnector.switchOutgoingChannelsToInMemory(Channels.EVALUATIONS, Channels.REJECTED));
            return properties;
        }

        @Override
        public void stop() {
            InMemoryConnector.clear();
        }
    }

    /** @return a record as the Kafka connector hands it over, timestamped now */
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

    /** @return one poll's records of partition 0 */
    public static ConsumerRecords<String, byte[]> batch(List<ConsumerRecord<String, byte[]>> records) {
        String topic = records.get(0).topic();
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records), Map.of());
    }
}
