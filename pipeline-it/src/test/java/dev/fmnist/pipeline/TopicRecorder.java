package dev.fmnist.pipeline;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records what the pipeline wrote, from the beginning of {@code fmnist.predictions}, {@code fmnist.rejected} and
 * {@code fmnist.evaluations}, on a background thread: one plain consumer, every partition assigned by hand, no group,
 * nothing committed. It rides through broker restarts (the consumer reconnects by itself).
 *
 * <p>Prediction records are kept twice: decoded (only those that pass the contract's rules, as evaluation-service
 * would count them) and by raw key (every record, so a refused input that was predicted anyway shows up).
 */
final class TopicRecorder implements AutoCloseable {

    private static final List<String> TOPICS =
            List.of(Topics.PREDICTIONS, Topics.REJECTED, Topics.EVALUATIONS, Topics.PREDICTIONS_SHADOW, Topics.ALERTS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordDecoder decoder = new RecordDecoder("fault-tolerance-it");
    private final Thread thread;
    private final Map<String, List<Prediction>> predictions = new LinkedHashMap<>();
    private final Map<String, Integer> predictionKeys = new HashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, Evaluation> newestEvaluation = new HashMap<>();
    private final Map<String, List<Prediction>> shadowPredictions = new LinkedHashMap<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    TopicRecorder(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fault-tolerance-it-recorder");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "fault-tolerance-it-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    record(record);
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private synchronized void record(ConsumerRecord<String, byte[]> record) {
        switch (record.topic()) {
            case Topics.PREDICTIONS -> {
                predictionKeys.merge(String.valueOf(record.key()), 1, Integer::sum);
                Decoded<Prediction> p = decoder.decode(record.topic(), record.key(), record.value(), Prediction.class);
                if (p.isAccepted()) {
                    predictions
                            .computeIfAbsent(p.value().id(), id -> new ArrayList<>())
                            .add(p.value());
                }
            }
            case Topics.REJECTED -> {
                Decoded<Rejection> r = decoder.decode(record.topic(), record.key(), record.value(), Rejection.class);
                if (r.isAccepted()) {
                    rejections.add(r.value());
                }
            }
            case Topics.PREDICTIONS_SHADOW -> {
                Decoded<Prediction> p = decoder.decode(record.topic(), record.key(), record.value(), Prediction.class);
                if (p.isAccepted()) {
                    shadowPredictions
                            .computeIfAbsent(p.value().id(), id -> new ArrayList<>())
                            .add(p.value());
                }
            }
            case Topics.ALERTS -> {
                Decoded<Alert> a = decoder.decode(record.topic(), record.key(), record.value(), Alert.class);
                if (a.isAccepted()) {
                    alerts.add(a.value());
                }
            }
            default -> {
                Decoded<Evaluation> e = decoder.decode(record.topic(), record.key(), record.value(), Evaluation.class);
                if (e.isAccepted()) {
                    evaluations.add(e.value());
                    newestEvaluation.merge(
                            e.value().modelId(), e.value(), (old, fresh) -> fresh.count() >= old.count() ? fresh : old);
                }
            }
        }
    }

    /** @return the predictions of one model, by image id, in topic order (more than one where one was redelivered) */
    synchronized Map<String, List<Prediction>> predictionsOf(String modelId) {
        Map<String, List<Prediction>> byId = new LinkedHashMap<>();
        predictions.forEach((id, list) -> {
            List<Prediction> ofModel =
                    list.stream().filter(p -> modelId.equals(p.modelId())).toList();
            if (!ofModel.isEmpty()) {
                byId.put(id, ofModel);
            }
        });
        return byId;
    }

    /** @return the shadow predictions of one model on {@code fmnist.predictions.shadow}, by image id, in topic order */
    synchronized Map<String, List<Prediction>> shadowPredictionsOf(String modelId) {
        Map<String, List<Prediction>> byId = new LinkedHashMap<>();
        shadowPredictions.forEach((id, list) -> {
            List<Prediction> ofModel =
                    list.stream().filter(p -> modelId.equals(p.modelId())).toList();
            if (!ofModel.isEmpty()) {
                byId.put(id, ofModel);
            }
        });
        return byId;
    }

    /** @return every production prediction of the images whose id starts so, by image id (any model) */
    synchronized Map<String, List<Prediction>> predictionsLike(String prefix) {
        Map<String, List<Prediction>> byId = new LinkedHashMap<>();
        predictions.forEach((id, list) -> {
            if (id.startsWith(prefix)) {
                byId.put(id, List.copyOf(list));
            }
        });
        return byId;
    }

    /** @return every Evaluation seen on {@code fmnist.evaluations}, in topic order */
    synchronized List<Evaluation> evaluations() {
        return List.copyOf(evaluations);
    }

    /** @return every Alert seen on {@code fmnist.alerts}, in topic order */
    synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** @return how many records of {@code fmnist.predictions}, decodable or not, have a key that starts so */
    synchronized int predictionRecordsKeyedLike(String prefix) {
        return predictionKeys.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** @return the rejections whose key is one of {@code keys} */
    synchronized List<Rejection> rejectionsOf(Collection<String> keys) {
        Set<String> wanted = Set.copyOf(keys);
        return rejections.stream()
                .filter(r -> r.key() != null && wanted.contains(r.key()))
                .collect(Collectors.toList());
    }

    /** @return the evaluation of the model with the highest count seen on {@code fmnist.evaluations}, or null */
    synchronized Evaluation newestEvaluation(String modelId) {
        return newestEvaluation.get(modelId);
    }

    /** @throws IllegalStateException when the recorder's consumer failed */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("the test's own topic recorder failed", failure);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
