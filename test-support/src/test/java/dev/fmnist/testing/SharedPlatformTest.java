package dev.fmnist.testing;

import dev.fmnist.contracts.Topics;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.platform.kafka.ContractTopics;
import dev.fmnist.platform.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared test platform really serves Kafka and PostgreSQL as the contract says. */
class SharedPlatformTest {

    private final PlatformEndpoints platform = SharedTestPlatform.get();

    @Test
    void everyContractTopicExistsWithItsPartitionsAndRetention() throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Topics.FIXED).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = Topics.FIXED.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : ContractTopics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                assertThat(config.get("retention.ms").value())
                        .as(spec.name())
                        .isEqualTo(Long.toString(spec.retentionMs()));
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PREDICTIONS))
                            .get("retention.ms")
                            .value())
                    .isEqualTo("-1");
        }
    }

    @Test
    void aRecordProducedToTheInputTopicIsConsumedBack() throws Exception {
        String key = "image-" + UUID.randomUUID();
        String value = "{\"id\":\"" + key + "\",\"pixels\":\"AAAA\"}";
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = producer()) {
            written = producer.send(new ProducerRecord<>(Topics.IMAGES_INPUT, key, value))
                    .get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.IMAGES_INPUT));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read.stream().noneMatch(r -> r.key().equals(key)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        assertThat(read).filteredOn(r -> r.key().equals(key)).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(value);
            assertThat(r.partition()).isEqualTo(written.partition());
            assertThat(r.offset()).isEqualTo(written.offset());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void theBrokerAcceptsEveryCompressionCodec(String codec) throws Exception {
        Properties config = producerConfig();
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            RecordMetadata written = producer.send(new ProducerRecord<>(
                            Topics.REJECTED, "codec-" + codec, "{\"reason\":\"" + "x".repeat(2_000) + "\"}"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(written.offset()).isNotNegative();
        }
    }

    @Test
    void theBrokerDoesNotCreateTopicsOnDemand() throws Exception {
        String topic = "fmnist.not-a-contract-topic-" + UUID.randomUUID();
        Properties config = producerConfig();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            assertThatThrownBy(() ->
                            producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("not present in metadata");
        }
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(topic);
        }
    }

    @Test
    void postgresAcceptsTheApplicationRoleWhichOwnsItsDatabase() throws Exception {
        assertThat(platform.jdbcUrl()).endsWith("/fmnist");
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), "fmnist", "fmnist");
                Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery(
                    "select current_user, current_database(), pg_get_userbyid(datdba) from pg_database "
                            + "where datname = current_database()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("fmnist");
                assertThat(row.getString(2)).isEqualTo("fmnist");
                assertThat(row.getString(3)).isEqualTo("fmnist");
            }
            String schema = "platform_test_" + UUID.randomUUID().toString().replace("-", "");
            statement.execute("create schema " + schema);
            statement.execute("create table " + schema + ".t (id int primary key, name text)");
            statement.execute("insert into " + schema + ".t values (1, 'Sneaker')");
            try (ResultSet row = statement.executeQuery("select name from " + schema + ".t where id = 1")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("Sneaker");
            }
            statement.execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void theQuarkusTestResourceHandsOutTheSharedPlatform() {
        Map<String, String> config = new PlatformTestResource().start();
        assertThat(config)
                .containsOnlyKeys(
                        "kafka.bootstrap.servers",
                        "quarkus.datasource.jdbc.url",
                        "quarkus.datasource.username",
                        "quarkus.datasource.password");
        assertThat(config)
                .containsEntry("kafka.bootstrap.servers", platform.bootstrapServers())
                .containsEntry("quarkus.datasource.jdbc.url", platform.jdbcUrl())
                .containsEntry("quarkus.datasource.username", "fmnist")
                .containsEntry("quarkus.datasource.password", "fmnist");
        assertThat(SharedTestPlatform.get().bootstrapServers()).isEqualTo(platform.bootstrapServers());
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        return Admin.create(config);
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(producerConfig());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}
