package dev.fmnist.training.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.ml.training.TrainingCancelledException;
import dev.fmnist.ml.training.TrainingData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Reads one dataset split from its Kafka topic with a plain consumer: all partitions, from the beginning up to the
 * end offsets taken when the read starts, one image per record key (the last one wins), only labelled images that
 * pass the contract's input rules. Images are ordered by key, so the same topic content always gives the same
 * training data. The consumer takes the application's {@code kafka.*} client settings (bootstrap servers, security
 * protocol, SASL, TLS), the same the SmallRye channels use.
 */
public final class DatasetReader {

    /** Keys of the shared {@code kafka.*} map that are not client settings. */
    private static final Set<String> NOT_CLIENT_KEYS = Set.of("health-enabled", "health.enabled");

    private final Map<String, Object> clientSettings;
    private final Duration stallTimeout;

    /**
     * @param kafkaConfig  the {@code kafka.*} settings ({@code bootstrap.servers} at least)
     * @param stallTimeout how long a read may go without progress before it fails
     */
    public DatasetReader(Map<String, Object> kafkaConfig, Duration stallTimeout) {
        Map<String, Object> settings = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaConfig.forEach((key, value) -> {
            if (value != null && known.contains(key) && !NOT_CLIENT_KEYS.contains(key)) {
                settings.put(key, value);
            }
        });
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.clientSettings = Map.copyOf(settings);
        this.stallTimeout = stallTimeout;
    }

    /**
     * @param topic     the split's topic
     * @param cancelled polled between fetches
     * @return the split's images
     * @throws IllegalStateException      when the topic does not exist or stops growing before its end offsets
     * @throws TrainingCancelledException when cancelled
     */
    public LoadedSplit read(String topic, BooleanSupplier cancelled) {
        Map<String, Object> properties = new HashMap<>(clientSettings);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "fmnist-training-dataset-reader");
        InputImageValidator validator = new InputImageValidator("training-service");
        Map<String, DecodedImage> byKey = new TreeMap<>();
        int records = 0;
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("dataset topic " + topic + " does not exist");
            }
            List<TopicPartition> assigned = new ArrayList<>();
            partitions.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            long lastProgress = System.nanoTime();
            while (!reachedEnd(consumer, end)) {
                if (cancelled.getAsBoolean()) {
                    throw new TrainingCancelledException("cancelled while reading " + topic);
                }
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    lastProgress = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> record : batch) {
                    if (record.offset() >= end.getOrDefault(new TopicPartition(topic, record.partition()), 0L)) {
                        continue;
                    }
                    records++;
                    Decoded<DecodedImage> decoded = validator.validate(topic, record.key(), record.value());
                    if (!decoded.isAccepted() || decoded.value().label() == null) {
                        skipped++;
                        continue;
                    }
                    String key = record.key() != null
                            ? record.key()
                            : decoded.value().id();
                    byKey.put(key, decoded.value());
                }
                if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new IllegalStateException(
                            "reading " + topic + " stalled for " + stallTimeout + " before its end offsets " + end);
                }
            }
        }
        List<byte[]> images = new ArrayList<>(byKey.size());
        int[] labels = new int[byKey.size()];
        int i = 0;
        for (DecodedImage image : byKey.values()) {
            images.add(image.pixels());
            labels[i++] = image.label();
        }
        return new LoadedSplit(
                topic,
                new TrainingData(images, labels),
                records,
                records - skipped - byKey.size(),
                skipped,
                SplitHash.of(byKey));
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param topic      where it was read from
     * @param data       unique labelled images, ordered by key
     * @param records    records read
     * @param duplicates records whose key had been seen before
     * @param skipped    records refused by the input rules or without a label
     * @param contentHash the images' content hash as the ingest-service computes it ({@link SplitHash}), null when
     *                    the record keys carry no source positions
     */
    public record LoadedSplit(
            String topic, TrainingData data, int records, int duplicates, int skipped, String contentHash) {}
}
