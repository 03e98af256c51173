package dev.fmnist.cli.client;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Follows one contract topic with a plain consumer: every partition assigned by hand, no group, nothing committed.
 * Records that do not decode as the topic's message are skipped.
 *
 * <pre>{@code
 * try (var progress = TopicFollower.trainingProgress(bootstrap, TopicFollower.Start.END)) {
 *     String jobId = training.submit(job);
 *     for (TrainingProgress p : progress.poll(Duration.ofSeconds(1), p -> p.jobId().equals(jobId))) { ... }
 * }
 * }</pre>
 *
 * @param <T> the topic's message type
 */
public final class TopicFollower<T> implements AutoCloseable {

    /** Where reading starts. */
    public enum Start {
        /** every record the topic holds */
        BEGINNING,
        /** only records written from now on */
        END
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Class<T> type;
    private final RecordDecoder decoder = new RecordDecoder("fmnist-cli");

    public TopicFollower(String bootstrapServers, String topic, Class<T> type, Start start) {
        this.topic = topic;
        this.type = type;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fmnist-cli-" + topic);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.consumer = new KafkaConsumer<>(config);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
            }
            consumer.assign(partitions);
            if (start == Start.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                end.forEach(consumer::seek);
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** @return a follower of {@code fmnist.training.progress} */
    public static TopicFollower<TrainingProgress> trainingProgress(String bootstrapServers, Start start) {
        return new TopicFollower<>(bootstrapServers, Topics.TRAINING_PROGRESS, TrainingProgress.class, start);
    }

    /** @return a follower of {@code fmnist.evaluations} */
    public static TopicFollower<Evaluation> evaluations(String bootstrapServers, Start start) {
        return new TopicFollower<>(bootstrapServers, Topics.EVALUATIONS, Evaluation.class, start);
    }

    /**
     * Waits up to {@code timeout} for records, and returns those that decode and pass the filter, in order.
     *
     * @param filter  which messages to keep
     * @return the messages (empty when none came)
     */
    public List<T> poll(Duration timeout, Predicate<T> filter) {
        List<T> messages = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Decoded<T> decoded = decoder.decode(topic, record.key(), record.value(), type);
            if (decoded.isAccepted() && filter.test(decoded.value())) {
                messages.add(decoded.value());
            }
        }
        return messages;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
