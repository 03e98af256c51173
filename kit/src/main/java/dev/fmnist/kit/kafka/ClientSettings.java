package dev.fmnist.kit.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Plain Kafka client settings taken from the application's shared {@code kafka.*} configuration (the map SmallRye
 * publishes as {@code @Identifier("default-kafka-broker")}): bootstrap servers, security protocol, SASL and TLS, so
 * that a plain client reaches the same broker the channels do. Keys that are not settings of the client kind are
 * left out.
 */
public final class ClientSettings {

    /** Keys of the shared map that belong to SmallRye, not to a client. */
    private static final Set<String> NOT_CLIENT_KEYS = Set.of("health-enabled", "health.enabled");

    private final Map<String, Object> shared;

    /** @param kafkaConfig the {@code kafka.*} settings ({@code bootstrap.servers} at least) */
    public ClientSettings(Map<String, Object> kafkaConfig) {
        Map<String, Object> copy = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (value != null && !NOT_CLIENT_KEYS.contains(key)) {
                copy.put(key, value);
            }
        });
        this.shared = Map.copyOf(copy);
    }

    /** @return consumer settings: the shared ones a consumer knows, without a group and without auto-commit */
    public Map<String, Object> reader() {
        Map<String, Object> config = known(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** @return producer settings: the shared ones a producer knows */
    public Map<String, Object> producer() {
        return known(ProducerConfig.configNames());
    }

    /** @return admin client settings: the shared ones an admin client knows */
    public Map<String, Object> admin() {
        return known(AdminClientConfig.configNames());
    }

    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        shared.forEach((key, value) -> {
            if (names.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }
}
