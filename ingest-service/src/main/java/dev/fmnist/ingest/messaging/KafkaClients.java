package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.kit.kafka.ClientSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;

/**
 * Plain Kafka clients built from the application's {@code kafka.*} configuration (the same bootstrap servers and
 * security settings the SmallRye channels use, through {@link ClientSettings}). The bulk producer is a plain {@link KafkaProducer}: publishing a
 * 60,000-image split through it avoids the per-message wrapping and acknowledgement bookkeeping of an emitter
 * (see {@code docs/benchmarks/ingest-service.md}).
 */
@ApplicationScoped
public class KafkaClients {

    private final ClientSettings settings;
    private final IngestConfig.Producer tuning;
    private Producer<String, byte[]> producer;
    private Admin admin;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
        this(kafkaConfig, config.producer());
    }

    /**
     * @param kafkaConfig the {@code kafka.*} settings ({@code bootstrap.servers} at least)
     * @param tuning      bulk producer settings
     */
    public KafkaClients(Map<String, Object> kafkaConfig, IngestConfig.Producer tuning) {
        this.settings = new ClientSettings(kafkaConfig);
        this.tuning = tuning;
    }

    /** @return the shared bulk producer: idempotent, {@code acks=all}, batched and compressed for throughput */
    public synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * Drops the shared producer after a failed publication (its idempotence state may be unusable); the next
     * {@link #producer()} creates a fresh one.
     */
    public synchronized void resetProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** @return the bulk producer's settings */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = settings.producer();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, tuning.maxInFlight());
        config.put(ProducerConfig.LINGER_MS_CONFIG, tuning.lingerMs());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, tuning.batchSize());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, tuning.compression());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, tuning.bufferMemory());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1048576, tuning.batchSize() * 4));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fmnist-ingest-bulk");
        return config;
    }

    /** @return the shared admin client */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig());
        }
        return admin;
    }

    /** @return the admin client's settings: the shared {@code kafka.*} client settings and a client id */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = settings.admin();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "fmnist-ingest-admin");
        return config;
    }

    /** @return a new consumer without a group (for reading a whole topic by assignment); the caller closes it */
    public KafkaConsumer<String, byte[]> newReader() {
        return new KafkaConsumer<>(readerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** @return the settings of {@link #newReader()}: the shared client settings, no group, no auto-commit */
    public Map<String, Object> readerConfig() {
        Map<String, Object> config = settings.reader();
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return config;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
