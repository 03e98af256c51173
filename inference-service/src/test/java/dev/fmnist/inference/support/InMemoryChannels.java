package dev.fmnist.inference.support;

import dev.fmnist.inference.messaging.Channels;
import dev.fmnist.testing.InMemoryKafka;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Switches the channels to the in-memory connector while this profile's application runs. */
    public static class Switch extends InMemoryKafka.Switch {
        public Switch() {
            super(
                    List.of(Channels.IMAGES),
                    List.of(Channels.PREDICTIONS, Channels.PREDICTIONS_SHADOW, Channels.REJECTED));
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
