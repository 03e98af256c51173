package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.kit.kafka.ClientSettings;
import dev.fmnist.ml.Dl4jRuntime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feeds {@code fmnist.models} to the {@link RegistryFollower} and publishes the events it refuses to
 * {@code fmnist.rejected}. A plain Kafka consumer with manual assignment and no consumer group (every instance sees
 * every event, nothing is committed), built from the same {@code kafka.*} settings as the channels
 * ({@link ClientSettings}, security included). It starts at the topic's end: history is the registry's business. One
 * thread does both the reading and the follower's ticks, so that they never race; while Kafka is unreachable it keeps
 * ticking, so the registry is still asked.
 */
@ApplicationScoped
public class ModelEventFollower {

    private static final Logger LOG = Logger.getLogger(ModelEventFollower.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> settings;
    private final RegistryFollower follower;
    private final RejectionPublisher rejections;
    private final Duration pollTimeout;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private boolean waitingLogged;

    /**
     * @param kafkaConfig every {@code kafka.*} setting (bootstrap servers, security), as the channels get them
     * @param config      this service's settings
     * @param follower    decides what the records mean
     * @param rejections  publishes refused events (may be null: refusals are only logged)
     */
    @Inject
    public ModelEventFollower(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            InferenceConfig config,
            RegistryFollower follower,
            RejectionPublisher rejections) {
        this.settings = new ClientSettings(kafkaConfig).reader();
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-models-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.follower = follower;
        this.rejections = rejections;
        this.pollTimeout = config.registry().pollTimeout();
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("DL4J backend: %s", Dl4jRuntime.initialise());
        LOG.infof("Model registry: %s", follower.describe());
        running = true;
        follower.started();
        thread = new Thread(this::run, "model-registry-follower");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        String stoppedBecause = null;
        try {
            follower.tick();
            try (KafkaConsumer<String, byte[]> kafka =
                    new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                follow(kafka);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("The model registry follower was woken up unexpectedly", e);
                stoppedBecause = e.toString();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("The model registry follower stopped; the serving model will no longer change", e);
            stoppedBecause = e.toString();
        } finally {
            consumer = null;
            follower.stopped(stoppedBecause);
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        boolean assigned = false;
        while (running) {
            try {
                if (!assigned) {
                    assigned = assign(kafka);
                } else {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(pollTimeout)) {
                        follower.accept(new RegistryFollower.EventRecord(
                                        record.topic(),
                                        record.partition(),
                                        record.offset(),
                                        record.key(),
                                        record.value()))
                                .ifPresent(this::publish);
                    }
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Cannot read %s (%s); asking the registry meanwhile", Topics.MODELS, e.getMessage());
                pause(pollTimeout);
            }
            follower.tick();
        }
    }

    /** @return whether the consumer is now assigned to every partition and at their end */
    private boolean assign(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos;
        try {
            infos = kafka.partitionsFor(Topics.MODELS, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            logWaiting("Kafka does not answer (" + e.getMessage() + ")");
            return false;
        }
        if (infos == null || infos.isEmpty()) {
            logWaiting("topic " + Topics.MODELS + " does not exist yet");
            pause(METADATA_TIMEOUT);
            return false;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        try {
            for (TopicPartition partition : partitions) {
                kafka.position(partition, METADATA_TIMEOUT);
            }
        } catch (TimeoutException e) {
            kafka.unsubscribe();
            logWaiting("Kafka does not answer (" + e.getMessage() + ")");
            return false;
        }
        follower.atEnd();
        waitingLogged = false;
        LOG.infof(
                "Following %s from its end (%d partitions); the registry says what serves",
                Topics.MODELS, partitions.size());
        return true;
    }

    private void logWaiting(String why) {
        if (!waitingLogged) {
            waitingLogged = true;
            LOG.warnf(
                    "Cannot follow %s yet: %s; asking the registry every %s meanwhile",
                    Topics.MODELS, why, follower.reconcileInterval());
        }
    }

    private void publish(Rejection rejection) {
        if (rejections != null) {
            rejections.publish(rejection).exceptionally(e -> {
                LOG.warnf("Could not publish a rejection of a model event: %s", e.getMessage());
                return null;
            });
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
