package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates dataset split topics when missing (the broker does not auto-create topics): the configured partitions
 * and replication, kept forever ({@code retention.ms=-1}), compacted by image id by default.
 */
@ApplicationScoped
public class TopicCreator {

    private static final Logger LOG = Logger.getLogger(TopicCreator.class);

    private final KafkaClients clients;
    private final IngestConfig.SplitTopics settings;

    public TopicCreator(KafkaClients clients, IngestConfig config) {
        this.clients = clients;
        this.settings = config.topics();
    }

    /**
     * @param topic a split topic name
     * @return true when it was created, false when it already existed
     */
    public boolean ensure(String topic) {
        NewTopic newTopic = new NewTopic(topic, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        settings.cleanupPolicy()));
        try {
            clients.admin().createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
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
}
