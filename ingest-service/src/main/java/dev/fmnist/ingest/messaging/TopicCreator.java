package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.service.PublishException;
import dev.fmnist.ingest.service.SplitTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Creates dataset split topics when missing (the broker does not auto-create topics): the configured partitions
 * and replication, kept forever ({@code retention.ms=-1}, {@code retention.bytes=-1}), compacted by image id by
 * default; then waits for their partitions' leaders.
 */
@ApplicationScoped
public class TopicCreator implements SplitTopics {

    private static final Logger LOG = Logger.getLogger(TopicCreator.class);
    private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final IngestConfig.SplitTopics settings;

    @Inject
    public TopicCreator(KafkaClients clients, IngestConfig config) {
        this(clients, config.topics());
    }

    /**
     * @param clients  where the admin client and the producer come from
     * @param settings partitions, replication and cleanup policy of a new split topic
     */
    public TopicCreator(KafkaClients clients, IngestConfig.SplitTopics settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public void prepare(List<String> topics) {
        topics.forEach(this::ensure);
        topics.forEach(topic -> awaitLeaders(topic, LEADERS_TIMEOUT));
    }

    /**
     * @param topic a split topic name
     * @return the request that creates it
     */
    public NewTopic newTopic(String topic) {
        return new NewTopic(topic, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG,
                        "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        settings.cleanupPolicy()));
    }

    /**
     * @param topic a split topic name
     * @return true when it was created, false when it already existed
     */
    public boolean ensure(String topic) {
        try {
            clients.admin().createTopics(List.of(newTopic(topic))).all().get(30, TimeUnit.SECONDS);
            LOG.infof(
                    "created topic %s (%d partitions, retention forever, cleanup.policy=%s)",
                    topic, settings.partitions(), settings.cleanupPolicy());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException(
                    "cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic + " (is Kafka reachable?)", e);
        }
    }

    /**
     * Waits until the producer sees a leader for every partition of {@code topic}. Sending into a topic created a
     * moment ago can otherwise meet a broker that has not taken leadership yet; the retried first batch may then
     * arrive after later ones, which an idempotent producer cannot recover from.
     *
     * @throws PublishException when leaders do not appear in time
     */
    void awaitLeaders(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PartitionInfo> partitions = clients.producer().partitionsFor(topic);
            if (!partitions.isEmpty()
                    && partitions.stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PublishException("no leader for every partition of " + topic + " within " + timeout, null);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
