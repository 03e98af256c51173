package dev.fmnist.inference.support;

import dev.fmnist.contracts.json.JsonCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Reads a topic from its beginning in the background (no consumer group) and keeps every record it saw. */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicProbe(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::poll, "probe-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** @return the values of the records whose key passes {@code keys}, decoded as {@code type} */
    public <T> List<T> values(Class<T> type, Predicate<String> keys) {
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null && keys.test(record.key())) {
                values.add(JsonCodec.fromBytes(record.value(), type));
            }
        }
        return values;
    }

    /** @return the values of the records whose key starts with {@code prefix} */
    public <T> List<T> values(Class<T> type, String prefix) {
        return values(type, key -> key.startsWith(prefix));
    }

    /** @return every record seen, by key */
    public Map<String, Long> countByKey(String prefix) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null && record.key().startsWith(prefix)) {
                counts.merge(record.key(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
