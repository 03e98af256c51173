package dev.fmnist.inference.support;

import dev.fmnist.inference.messaging.Channels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fast tier: the service's channels on SmallRye's in-memory connector, so a test hands the batch consumer records
 * and reads what it emits, without a broker. Nothing listens where {@code kafka.bootstrap.servers} and the registry
 * point, so the follower of {@code fmnist.models} keeps waiting and the model a test serves stays (an unreachable
 * registry changes nothing).
 */
public class InMemoryChannels implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Switch.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", "localhost:" + closedPort());
        properties.put("fmnist.inference.registry.url", "http://localhost:" + closedPort());
        properties.put("quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
        return properties;
    }

    /**
     * Switches the channels to the in-memory connector while this profile's application runs. The switch also sets
     * system properties, so it is undone when the application stops: the next test class gets its Kafka channels back.
     */
    public static class Switch implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> properties = new HashMap<>();
            properties.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(Channels.IMAGES));
            properties.putAll(
                    InMemoryConnector.switchOutgoingChannelsToInMemory(Channels.PREDICTIONS, Channels.REJECTED));
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
        return new ConsumerRecords<>(Map.of(new TopicPartition(records.get(0).topic(), 0), records), Map.of());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
