package dev.fmnist.platform;

import dev.fmnist.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

/**
 * {@link FmnistPlatform#crashAndRestartPostgres} and {@link FmnistPlatform#crashAndRestartKafka}: the old server is
 * killed outright, a new one answers on the same port, and what was committed before the crash is still there.
 */
class CrashRestartTest {

    @Test
    void aCrashedDatabaseAndBrokerComeBackOnTheSamePortsWithTheirData() throws Exception {
        try (FmnistPlatform platform = FmnistPlatform.start(PlatformSettings.forTests())) {
            int postgresPort = platform.postgresPort();
            int kafkaPort = platform.kafkaPort();
            long postmaster = platform.postgresPid().orElseThrow();
            long broker = platform.kafkaPid();
            try (Connection db = connect(platform);
                    Statement sql = db.createStatement()) {
                sql.execute("create table crash_test (id text primary key)");
                sql.execute("insert into crash_test values ('before')");
            }
            send(platform, "before");

            platform.crashAndRestartPostgres(Duration.ofSeconds(1));

            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                    .as("the old postmaster")
                    .isFalse();
            assertThat(platform.postgresPid().orElseThrow()).isNotEqualTo(postmaster);
            assertThat(platform.postgresPort()).isEqualTo(postgresPort);
            try (Connection db = connect(platform);
                    Statement sql = db.createStatement()) {
                sql.execute("insert into crash_test values ('after')");
                try (ResultSet rows = sql.executeQuery("select count(*) from crash_test")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                }
            }

            platform.crashAndRestartKafka(Duration.ofSeconds(1));

            assertThat(ProcessHandle.of(broker).map(ProcessHandle::isAlive).orElse(false))
                    .as("the old broker")
                    .isFalse();
            assertThat(platform.kafkaPid()).isNotEqualTo(broker);
            assertThat(platform.kafkaPort()).isEqualTo(kafkaPort);
            send(platform, "after");
            assertThat(keys(platform)).containsExactly("before", "after");
        }
    }

    private static Connection connect(FmnistPlatform platform) throws Exception {
        return DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password());
    }

    private static void send(FmnistPlatform platform, String key) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.REJECTED, key, "{}")).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> keys(FmnistPlatform platform) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(Topics.REJECTED, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30))
                    .get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
            }
        }
        return keys;
    }
}
