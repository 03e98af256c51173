package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.ArtifactException;
import dev.fmnist.inference.model.ModelActivator;
import dev.fmnist.inference.model.ProductionRegistry;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.ml.Dl4jRuntime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Follows the model registry's event log {@code fmnist.models} and keeps the production model serving.
 *
 * <p>At start it reads the whole log from the beginning up to the end offsets it found, and only then decides who
 * is production and loads that one model (never the superseded ones on the way). Afterwards it applies every new
 * event as it arrives and swaps the serving model when production changes. A model that fails to load (download,
 * checksum, format) is logged and retried every {@code fmnist.inference.registry.retry-interval}; the previous model
 * keeps serving meanwhile.
 *
 * <p>It is a plain Kafka consumer with manual partition assignment and no consumer group: every instance reads
 * every event and commits nothing, which is what "rebuild the registry from the log" needs and what a SmallRye
 * channel (one group, committed offsets, no "read up to here, then decide") does not express.
 */
@ApplicationScoped
public class ModelEventFollower {

    private static final Logger LOG = Logger.getLogger(ModelEventFollower.class);

    private final String bootstrapServers;
    private final InferenceConfig config;
    private final ModelActivator activator;
    private final ServingModelHolder holder;
    private final RejectionPublisher rejections;
    private final RecordDecoder decoder;
    private final ProductionRegistry registry = new ProductionRegistry();

    private volatile boolean running;
    private volatile boolean replayed;
    private volatile String lastError;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ModelEventFollower(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              InferenceConfig config, ModelActivator activator, ServingModelHolder holder,
                              RejectionPublisher rejections) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.activator = activator;
        this.holder = holder;
        this.rejections = rejections;
        this.decoder = new RecordDecoder(config.serviceName());
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("DL4J backend: %s", Dl4jRuntime.initialise());
        running = true;
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
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether the registry log has been read up to where it ended at start */
    public boolean replayed() {
        return replayed;
    }

    /** @return whether the follower thread is still following the log (false once it has stopped for good) */
    public boolean following() {
        return thread != null && thread.isAlive();
    }

    /** @return why the production model could not be loaded last time, or null */
    public String lastError() {
        return lastError;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties())) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            LOG.infof("Replaying the model registry %s up to offsets %s", Topics.MODELS, end);
            follow(kafka, end);
        } catch (WakeupException e) {
            if (running) {
                LOG.error("The model registry follower was woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("The model registry follower stopped; the serving model will no longer change", e);
            lastError = "registry follower stopped: " + e;
        } finally {
            consumer = null;
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> end) {
        int replayedEvents = 0;
        boolean changed = false;
        Instant retryAt = null;
        while (running) {
            ConsumerRecords<String, byte[]> records = kafka.poll(config.registry().pollTimeout());
            for (ConsumerRecord<String, byte[]> record : records) {
                changed |= apply(record);
                replayedEvents += replayed ? 0 : 1;
            }
            if (!replayed && end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                replayed = true;
                changed = true;
                LOG.infof("Model registry replayed: %d events, %d model versions, production: %s", replayedEvents,
                        registry.size(), registry.production().map(ModelEventFollower::describe).orElse("none"));
            }
            boolean retryDue = retryAt != null && Instant.now().isAfter(retryAt);
            if (replayed && (changed || retryDue)) {
                changed = false;
                retryAt = activate() ? null : Instant.now().plus(config.registry().retryInterval());
            }
        }
    }

    private boolean apply(ConsumerRecord<String, byte[]> record) {
        Decoded<ModelEvent> decoded = decoder.decode(record.topic(), record.key(), record.value(), ModelEvent.class);
        if (!decoded.isAccepted()) {
            if (replayed) {
                rejections.publish(decoded.rejection());
            }
            LOG.warnf("Ignored model event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    decoded.rejection().reason());
            return false;
        }
        registry.apply(decoded.value(), Instant.ofEpochMilli(record.timestamp()));
        return true;
    }

    /** @return whether the serving model now matches the registry */
    private boolean activate() {
        Optional<ModelEvent> production = registry.production();
        try {
            ModelActivator.Change change = activator.activate(production);
            switch (change) {
                case SWAPPED -> LOG.infof("Now serving %s", describe(production.orElseThrow()));
                case CLEARED -> LOG.warn("No model is production any more: input images wait until one is");
                default -> {
                }
            }
            lastError = null;
            return true;
        } catch (ArtifactException e) {
            lastError = e.getMessage();
            LOG.errorf("Cannot serve %s: %s (still serving %s; retrying in %s)",
                    production.map(ModelEventFollower::describe).orElse("?"), e.getMessage(),
                    holder.current().map(ServingModel::modelId).orElse("none"), config.registry().retryInterval());
            return false;
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(Topics.MODELS, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                }
                LOG.warnf("Topic %s does not exist yet; waiting for it", Topics.MODELS);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warnf("Kafka at %s does not answer yet (%s); retrying", bootstrapServers, e.getMessage());
            }
            sleep(config.registry().retryInterval());
        }
        return List.of();
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-models-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(ModelEvent event) {
        return event.modelId() + " (" + event.name() + " v" + event.version() + ", sha256 "
                + (event.artifactSha256() == null ? "?" : event.artifactSha256().substring(0,
                Math.min(12, event.artifactSha256().length()))) + ")";
    }
}
