package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The hand-built clients (bulk producer, admin, topic reader) take the same {@code kafka.*} settings as the
 * SmallRye channels, security included, so they work against a SASL/TLS broker too.
 */
class KafkaClientsTest {

    /** What Quarkus' {@code default-kafka-broker} map holds for a SASL_SSL broker ({@code kafka.*} without prefix). */
    static final Map<String, Object> SECURED = Map.of(
            "bootstrap.servers", "broker-1:9093,broker-2:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "ssl.truststore.password", "changeit",
            "ssl.endpoint.identification.algorithm", "https",
            "group.id", "fmnist-ingest-service",
            "health-enabled", "true");

    private static final Map<String, Object> SECURITY = Map.of(
            "bootstrap.servers", SECURED.get("bootstrap.servers"),
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", SECURED.get("sasl.jaas.config"),
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "ssl.truststore.password", "changeit",
            "ssl.endpoint.identification.algorithm", "https");

    private final KafkaClients clients = new KafkaClients(SECURED, new Tuning());

    @Test
    void theBulkProducerTakesTheSecuritySettings() {
        Map<String, Object> config = clients.producerConfig();
        assertThat(config)
                .containsAllEntriesOf(SECURITY)
                .contains(entry("acks", "all"), entry("enable.idempotence", true))
                .doesNotContainKeys("health-enabled", "group.id");
    }

    @Test
    void theAdminClientTakesTheSecuritySettings() {
        assertThat(clients.adminConfig())
                .containsAllEntriesOf(SECURITY)
                .contains(entry("client.id", "fmnist-ingest-admin"))
                .doesNotContainKeys("health-enabled", "group.id");
    }

    @Test
    void theTopicReaderTakesTheSecuritySettingsAndNoGroup() {
        assertThat(clients.readerConfig())
                .containsAllEntriesOf(SECURITY)
                .contains(entry("enable.auto.commit", false))
                .doesNotContainKeys("health-enabled", "group.id");
    }

    @Test
    void aPlaintextBrokerNeedsOnlyItsAddress() {
        Map<String, Object> plain = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));
        KafkaClients local = new KafkaClients(plain, new Tuning());
        assertThat(local.producerConfig())
                .contains(entry("bootstrap.servers", "localhost:9092"))
                .doesNotContainKey("security.protocol");
    }

    /** The defaults of {@code fmnist.ingest.producer.*}. */
    static final class Tuning implements IngestConfig.Producer {
        @Override
        public int lingerMs() {
            return 20;
        }

        @Override
        public int batchSize() {
            return 1 << 20;
        }

        @Override
        public String compression() {
            return "snappy";
        }

        @Override
        public int maxInFlight() {
            return 1;
        }

        @Override
        public long bufferMemory() {
            return 1L << 27;
        }

        @Override
        public Duration ackTimeout() {
            return Duration.ofSeconds(120);
        }
    }
}
