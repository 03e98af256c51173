package dev.fmnist.training.messaging;

import dev.fmnist.kit.kafka.BoundedRead;
import dev.fmnist.kit.kafka.ClientSettings;
import dev.fmnist.ml.training.TrainingCancelledException;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.service.LoadedSplit;
import dev.fmnist.training.service.SplitCollector;
import dev.fmnist.training.service.SplitSource;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads a dataset split with a plain consumer, a {@link BoundedRead}: all partitions, from the beginning up to the end
 * offsets taken when the read starts, with the application's {@code kafka.*} client settings (bootstrap servers,
 * security protocol, SASL, TLS), the same the SmallRye channels use.
 */
@ApplicationScoped
public class KafkaSplitSource implements SplitSource {

    private final Map<String, Object> settings;
    private final BoundedRead read;

    public KafkaSplitSource(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, TrainingConfig config) {
        Map<String, Object> reader = new ClientSettings(kafkaConfig).reader();
        reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        reader.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        reader.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        reader.put(ConsumerConfig.CLIENT_ID_CONFIG, "fmnist-training-dataset-reader");
        this.settings = Map.copyOf(reader);
        this.read = new BoundedRead(config.datasetReadTimeout(), Duration.ofSeconds(30));
    }

    @Override
    public LoadedSplit read(String topic, BooleanSupplier cancelled) {
        SplitCollector split = new SplitCollector(topic);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            read.read(
                    consumer,
                    topic,
                    () -> {
                        if (cancelled.getAsBoolean()) {
                            throw new TrainingCancelledException("cancelled while reading " + topic);
                        }
                    },
                    record -> split.add(record.key(), record.value()));
        }
        return split.result();
    }
}
