package dev.fmnist.platform;

import dev.fmnist.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A local (durable) platform keeps its topics, records and tables across a restart, and a stop leaves nothing. */
class LocalRestartTest {

    private final PlatformSettings settings = PlatformSettings.forTests().withDurable(true);

    @AfterEach
    void deleteData() {
        FmnistPlatform.deleteRecursively(settings.dataDirectory());
    }

    @Test
    void restartKeepsKafkaRecordsAndDatabaseRowsAndStopLeavesNoProcess() throws Exception {
        long brokerPid;
        try (FmnistPlatform first = FmnistPlatform.start(settings)) {
            brokerPid = first.kafkaPid();
            assertThat(first.createdTopics()).containsExactlyElementsOf(Topics.FIXED);
            assertThat(PlatformProcesses.using(settings.dataDirectory())).hasSizeGreaterThanOrEqualTo(2);
            try (KafkaProducer<String, String> producer = producer(first)) {
                producer.send(new ProducerRecord<>(Topics.MODELS, "model-1", "{\"modelId\":\"model-1\"}"))
                        .get(30, TimeUnit.SECONDS);
            }
            try (Connection db = connect(first);
                    Statement sql = db.createStatement()) {
                sql.execute("create schema registry_test");
                sql.execute("grant usage on schema registry_test to public");
                sql.execute("create table registry_test.models (id text primary key)");
                sql.execute("insert into registry_test.models values ('model-1')");
            }
        }

        assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false))
                .as("broker alive")
                .isFalse();
        assertThat(PlatformProcesses.using(settings.dataDirectory())).isEmpty();
        assertThat(settings.dataDirectory().resolve("kafka/data")).isDirectory();

        try (FmnistPlatform second = FmnistPlatform.start(settings)) {
            assertThat(second.createdTopics()).isEmpty();
            assertThat(readAll(second, Topics.MODELS))
                    .extracting(ConsumerRecord::key)
                    .containsExactly("model-1");
            try (Connection db = connect(second);
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("select id from registry_test.models")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("model-1");
            }
            String osUser = System.getProperty("user.name");
            if (osUser.matches("[a-z_][a-z0-9_]*") && !osUser.equals("postgres")) {
                // what a plain `psql -h localhost -d fmnist` does: log in as the operating-system user
                try (Connection db = DriverManager.getConnection(second.jdbcUrl(), osUser, "");
                        Statement sql = db.createStatement();
                        ResultSet rows = sql.executeQuery("select count(*) from registry_test.models")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
        }
        assertThat(PlatformProcesses.using(settings.dataDirectory())).isEmpty();
    }

    private static Connection connect(FmnistPlatform platform) throws Exception {
        return DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password());
    }

    private static KafkaProducer<String, String> producer(FmnistPlatform platform) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static List<ConsumerRecord<String, String>> readAll(FmnistPlatform platform, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30))
                    .get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
