package dev.fmnist.inference.support;

import dev.fmnist.contracts.json.JsonCodec;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The test broker through SmallRye's {@link KafkaCompanion}, as any client of the pipeline would use it: raw record
 * values or contract messages in (acknowledged before {@code send} returns), and background readers of a topic from
 * its beginning.
 */
public final class Broker implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaCompanion companion;
    private final List<ConsumerTask<String, byte[]>> readers = new ArrayList<>();

    public Broker(String bootstrapServers) {
        companion = new KafkaCompanion(bootstrapServers);
    }

    /**
     * Sends the records, in order, and waits until the broker has them all. Each call has a producer of its own (a
     * companion producer closes when its task completes), so threads may send at the same time.
     */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        ProducerBuilder<String, byte[]> producer = companion
                .produce(String.class, byte[].class)
                .withProp(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024)
                .withProp(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer.fromRecords(records).awaitCompletion(SEND_TIMEOUT);
    }

    public void send(String topic, String key, byte[] value) {
        send(List.of(new ProducerRecord<>(topic, key, value)));
    }

    public void sendJson(String topic, String key, Object message) {
        send(topic, key, JsonCodec.toBytes(message));
    }

    /** @return a reader of {@code topic} from its beginning, collecting every record in the background */
    public synchronized ConsumerTask<String, byte[]> read(String topic) {
        ConsumerTask<String, byte[]> reader = companion
                .consume(String.class, byte[].class)
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .fromTopics(topic);
        readers.add(reader);
        return reader;
    }

    /** @return the values of the records read so far whose key passes {@code keys}, decoded as {@code type} */
    public static <T> List<T> values(ConsumerTask<String, byte[]> reader, Class<T> type, Predicate<String> keys) {
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : reader.getRecords()) {
            if (record.key() != null && keys.test(record.key())) {
                values.add(JsonCodec.fromBytes(record.value(), type));
            }
        }
        return values;
    }

    /** @return the values of the records read so far whose key starts with {@code prefix} */
    public static <T> List<T> values(ConsumerTask<String, byte[]> reader, Class<T> type, String prefix) {
        return values(reader, type, key -> key.startsWith(prefix));
    }

    /** @return how many records read so far have each key starting with {@code prefix} */
    public static Map<String, Long> countByKey(ConsumerTask<String, byte[]> reader, String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : reader.getRecords()) {
            if (record.key() != null && record.key().startsWith(prefix)) {
                counts.merge(record.key(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public synchronized void close() {
        readers.forEach(ConsumerTask::close);
        companion.close();
    }
}
