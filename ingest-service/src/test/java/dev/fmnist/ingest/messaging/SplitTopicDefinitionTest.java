package dev.fmnist.ingest.messaging;

import dev.fmnist.contracts.Topics;
import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.platform.kafka.ContractTopics;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split topics ingest creates, with the service's own application.properties, against the one definition of
 * topics, {@link ContractTopics#datasetSplit}: same name, partitions, replication, retention (forever, by time and by
 * size) and compaction by image id (docs/contract.md: a split's topic holds each image once by id). Any drift of
 * either side fails.
 */
class SplitTopicDefinitionTest {

    @Test
    void aSplitTopicIsCreatedExactlyAsTheContractDefinesIt() throws IOException {
        IngestConfig config = serviceConfig();
        TopicCreator creator = new TopicCreator(
                new KafkaClients(Map.of("bootstrap.servers", "unused:9092"), config.producer()), config);

        NewTopic created = creator.newTopic(Topics.datasetSplit("fashion-mnist", "train"));
        NewTopic contract =
                ContractTopics.datasetSplit("fashion-mnist", "train").toNewTopic();

        assertThat(created.name()).isEqualTo(contract.name()).isEqualTo("fmnist.datasets.fashion-mnist.train");
        assertThat(created.replicationFactor()).isEqualTo(contract.replicationFactor());
        assertThat(created.configs())
                .containsEntry(
                        TopicConfig.RETENTION_MS_CONFIG, contract.configs().get(TopicConfig.RETENTION_MS_CONFIG))
                .containsEntry(
                        TopicConfig.RETENTION_BYTES_CONFIG, contract.configs().get(TopicConfig.RETENTION_BYTES_CONFIG))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(differences(created, contract)).isEmpty();
    }

    /** @return setting → "ingest's value, contract: its value", for every setting where the two differ */
    private static Map<String, String> differences(NewTopic created, NewTopic contract) {
        Map<String, String> ours = settings(created);
        Map<String, String> theirs = settings(contract);
        Set<String> keys = new TreeSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        Map<String, String> differences = new TreeMap<>();
        for (String key : keys) {
            if (!Objects.equals(ours.get(key), theirs.get(key))) {
                differences.put(key, ours.get(key) + ", contract: " + theirs.get(key));
            }
        }
        return differences;
    }

    private static Map<String, String> settings(NewTopic topic) {
        Map<String, String> settings = new TreeMap<>(topic.configs());
        settings.put("name", topic.name());
        settings.put("partitions", Integer.toString(topic.numPartitions()));
        settings.put("replication", Short.toString(topic.replicationFactor()));
        return settings;
    }

    /** The configuration the service runs with by default: its application.properties over the mapping's defaults. */
    private static IngestConfig serviceConfig() throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        SplitTopicDefinitionTest.class.getClassLoader().getResource("application.properties"), 100))
                .withDefaultValue("java.io.tmpdir", System.getProperty("java.io.tmpdir"))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(IngestConfig.class)
                .build()
                .getConfigMapping(IngestConfig.class);
    }
}
