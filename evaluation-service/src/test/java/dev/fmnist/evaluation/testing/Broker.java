package dev.fmnist.evaluation.testing;

import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.testing.SharedTestPlatform;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared test broker through SmallRye's {@link KafkaCompanion}, as an outside client of the contract would use
 * it: records in (acknowledged by the broker before {@code send} returns), and what a topic holds, read from its
 * beginning by one background reader per topic.
 */
public final class Broker {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static KafkaCompanion companion;
    private static final Map<String, ConsumerTask<String, byte[]>> readers = new ConcurrentHashMap<>();

    private Broker() {}

    /** @return the companion on the shared test platform's broker */
    public static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(SharedTestPlatform.get().bootstrapServers());
        }
        return companion;
    }

    /** Sends keyed records and waits until the broker has them all. */
    public static void send(String topic, List<Map.Entry<String, byte[]>> records) {
        companion()
                .produce(String.class, byte[].class)
                .fromRecords(records.stream()
                        .map(r -> new ProducerRecord<>(topic, r.getKey(), r.getValue()))
                        .toList())
                .awaitCompletion(SEND_TIMEOUT);
    }

    /** Sends contract messages as JSON, keyed. */
    public static void sendJson(String topic, List<Map.Entry<String, ?>> messages) {
        send(
                topic,
                messages.stream()
                        .map(m -> Map.entry(m.getKey(), JsonCodec.toBytes(m.getValue())))
                        .toList());
    }

    /** @return a record value from UTF-8 text */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the values of the records with {@code key} read so far from {@code topic}, decoded, oldest first */
    public static <T> List<T> readValues(String topic, String key, Class<T> type) {
        return reader(topic).getRecords().stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> JsonCodec.fromBytes(r.value(), type))
                .toList();
    }

    private static ConsumerTask<String, byte[]> reader(String topic) {
        return readers.computeIfAbsent(
                topic,
                t -> companion()
                        .consume(String.class, byte[].class)
                        .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                        .fromTopics(t));
    }
}
