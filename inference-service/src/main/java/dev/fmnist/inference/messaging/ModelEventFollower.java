package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.inference.config.InferenceConfig;
import dev.fmnist.inference.model.ArtifactUrlPolicy;
import dev.fmnist.inference.model.RegistryReconciler;
import dev.fmnist.inference.model.RegistryRecord;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the registry's production model serving: asks the registry ({@link RegistryReconciler}) at start, every
 * {@code fmnist.inference.registry.reconcile-interval}, and at once whenever a model event arrives on
 * {@code fmnist.models}: events are the fast path, the registry is the truth. So a lost event, or a Kafka outage
 * during a promotion, delays a swap by one interval at most.
 *
 * <p>An event is never trusted with what to load: one that does not decode, or whose {@code artifactUrl} is not under
 * the configured registry ({@link ArtifactUrlPolicy}), is logged and published to {@code fmnist.rejected}
 * ({@code untrusted-artifact: ...}) and changes nothing; its URL is never fetched. What is loaded, and the SHA-256 it
 * is verified against, come from the registry's own record.
 *
 * <p>It is a plain Kafka consumer with manual assignment and no consumer group (every instance sees every event,
 * nothing is committed), built from the same {@code kafka.*} settings as the SmallRye channels (security included).
 * One thread does both the following and the reconciling, so that they never race; when Kafka is unreachable it
 * keeps reconciling.
 */
@ApplicationScoped
public class ModelEventFollower {

    private static final Logger LOG = Logger.getLogger(ModelEventFollower.class);
    /** Rule code of a model event pointing outside the trusted registry. */
    public static final String UNTRUSTED_ARTIFACT = "untrusted-artifact";
    /** Keys of the shared {@code kafka.*} map that are not client settings. */
    private static final Set<String> NOT_CLIENT_KEYS = Set.of("health-enabled", "health.enabled", "group.id");

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> kafkaConfig;
    private final InferenceConfig config;
    private final RegistryReconciler reconciler;
    private final ArtifactUrlPolicy policy;
    private final ServingModelHolder holder;
    private final RejectionPublisher rejections;
    private final RecordDecoder decoder;

    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile String stoppedBecause;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private boolean waitingLogged;

    /**
     * @param kafkaConfig every {@code kafka.*} setting (bootstrap servers, security), as the channels get them
     * @param config      this service's settings
     * @param reconciler  makes the serving model match the registry
     * @param policy      where events' artifact URLs may point
     * @param holder      the serving model
     * @param rejections  publishes refused events (may be null: refusals are only logged)
     */
    @Inject
    public ModelEventFollower(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            InferenceConfig config,
            RegistryReconciler reconciler,
            ArtifactUrlPolicy policy,
            ServingModelHolder holder,
            RejectionPublisher rejections) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.reconciler = reconciler;
        this.policy = policy;
        this.holder = holder;
        this.rejections = rejections;
        this.decoder = new RecordDecoder(config.serviceName());
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("DL4J backend: %s", Dl4jRuntime.initialise());
        LOG.infof(
                "Model registry: %s (model events may point under %s)",
                reconciler.registry().base(), policy.describe());
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
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return whether the follower is at the end of {@code fmnist.models} and the registry has been asked once
     * (whatever it answered)
     */
    public boolean replayed() {
        return caughtUp && reconciler.attempted();
    }

    /** @return whether the follower thread still runs (false once it has stopped for good) */
    public boolean following() {
        return thread != null && thread.isAlive();
    }

    /** @return whether the registry answered the last time it was asked */
    public boolean registryReachable() {
        return reconciler.registryReachable();
    }

    /** @return why the registry's production model does not serve (or the follower stopped), or null */
    public String lastError() {
        return stoppedBecause != null ? stoppedBecause : reconciler.lastError();
    }

    private void run() {
        try {
            reconcile();
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig())) {
                consumer = kafka;
                follow(kafka);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("The model registry follower was woken up unexpectedly", e);
                stoppedBecause = "registry follower stopped: " + e;
            }
        } catch (RuntimeException e) {
            LOG.error("The model registry follower stopped; the serving model will no longer change", e);
            stoppedBecause = "registry follower stopped: " + e;
        } finally {
            consumer = null;
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        Duration interval = config.registry().reconcileInterval();
        Instant nextReconcile = Instant.now().plus(interval);
        boolean assigned = false;
        while (running) {
            boolean eventArrived = false;
            try {
                if (!assigned) {
                    assigned = assign(kafka);
                } else {
                    for (ConsumerRecord<String, byte[]> record :
                            kafka.poll(config.registry().pollTimeout())) {
                        eventArrived |= accept(record);
                    }
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Cannot read %s (%s); asking the registry meanwhile", Topics.MODELS, e.getMessage());
                pause(config.registry().pollTimeout());
            }
            if (eventArrived || !Instant.now().isBefore(nextReconcile)) {
                reconcile();
                nextReconcile = Instant.now().plus(interval);
            }
        }
    }

    /** @return whether the follower is now assigned to every partition and at their end */
    private boolean assign(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos;
        try {
            infos = kafka.partitionsFor(Topics.MODELS, METADATA_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
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
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            kafka.unsubscribe();
            logWaiting("Kafka does not answer (" + e.getMessage() + ")");
            return false;
        }
        caughtUp = true;
        waitingLogged = false;
        LOG.infof(
                "Following %s from its end (%d partitions); the registry says what serves",
                Topics.MODELS, partitions.size());
        return true;
    }

    /** @return whether the record is a model event to act on (not refused) */
    private boolean accept(ConsumerRecord<String, byte[]> record) {
        Decoded<ModelEvent> decoded = decoder.decode(record.topic(), record.key(), record.value(), ModelEvent.class);
        if (!decoded.isAccepted()) {
            LOG.warnf(
                    "Ignored model event at %s-%d@%d: %s",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    decoded.rejection().reason());
            publish(decoded.rejection());
            return false;
        }
        ModelEvent event = decoded.value();
        if (event.artifactUrl() != null && !policy.allows(event.artifactUrl())) {
            String reason = UNTRUSTED_ARTIFACT + ": model event for " + event.modelId() + " points at "
                    + event.artifactUrl() + ", which is not under the model registry " + policy.describe()
                    + "; refused, nothing fetched";
            LOG.warnf(
                    "Refused model event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
            publish(Rejection.of(record.topic(), record.key(), reason, record.value(), config.serviceName()));
            return false;
        }
        LOG.debugf("Model event %s %s: asking the registry", event.modelId(), event.status());
        return true;
    }

    private void logWaiting(String why) {
        if (!waitingLogged) {
            waitingLogged = true;
            LOG.warnf(
                    "Cannot follow %s yet: %s; asking the registry every %s meanwhile",
                    Topics.MODELS, why, config.registry().reconcileInterval());
        }
    }

    private void reconcile() {
        RegistryReconciler.Outcome outcome = reconciler.reconcile();
        String serving = holder.current().map(ServingModel::modelId).orElse("none");
        switch (outcome.kind()) {
            case SWAPPED ->
                LOG.infof(
                        "Now serving %s, production in the registry",
                        describe(outcome.production().orElseThrow()));
            case CLEARED -> LOG.warn("The registry records no production model: input images wait until one is");
            case REGISTRY_UNAVAILABLE -> {
                if (outcome.fresh()) {
                    LOG.warnf(
                            "%s (still serving %s; asking again every %s)",
                            outcome.error(), serving, config.registry().reconcileInterval());
                }
            }
            case LOAD_FAILED -> {
                if (outcome.fresh()) {
                    LOG.errorf(
                            "Cannot serve %s: %s (still serving %s; retrying in %s)",
                            outcome.production()
                                    .map(ModelEventFollower::describe)
                                    .orElse("?"),
                            outcome.error(),
                            serving,
                            config.registry().retryInterval());
                }
            }
            default -> {}
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

    private Map<String, Object> consumerConfig() {
        Map<String, Object> properties = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (!NOT_CLIENT_KEYS.contains(key) && value != null) {
                properties.put(key, value);
            }
        });
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-models-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(RegistryRecord record) {
        String sha = record.artifactSha256() == null
                ? "?"
                : record.artifactSha256()
                        .substring(0, Math.min(12, record.artifactSha256().length()));
        return record.modelId() + " (" + record.name() + " v" + record.version() + ", sha256 " + sha + ")";
    }
}
