package dev.fmnist.ingest.bench;

import dev.fmnist.contracts.Topics;
import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.messaging.BulkPublisher;
import dev.fmnist.ingest.messaging.KafkaClients;
import dev.fmnist.ingest.messaging.TopicCreator;
import dev.fmnist.ingest.service.ProgressMeter;
import dev.fmnist.ingest.service.SplitRecords;
import dev.fmnist.ingest.source.ChecksumPolicy;
import dev.fmnist.ingest.source.IdxReader;
import dev.fmnist.ingest.source.SourceData;
import dev.fmnist.ingest.source.SplitData;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.platform.PlatformSettings;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes all 70,000 official Fashion-MNIST images and reports the seconds it took, two ways:
 * <ol>
 *   <li><b>service</b>: starts the packaged ingest-service against a fresh local platform (real Kafka broker, real
 *       PostgreSQL) and times {@code POST /datasets} with an empty body: read, verify the SHA-256 sums, publish both
 *       splits with every record acknowledged, catalogue, announce DatasetReady;</li>
 *   <li><b>publisher</b>: the same reader and bulk publisher in this JVM, with a few producer settings side by
 *       side (each run publishes to fresh topics).</li>
 * </ol>
 * Arguments: {@code [data folder] [service jar]}. Environment {@code KAFKA_BOOTSTRAP_SERVERS} skips the platform
 * start for the publisher runs (and then the service run, which also needs PostgreSQL, is skipped).
 */
public final class PublishAllBenchmark {

    /** Fresh split topics of three partitions, default cleanup (nothing to compact in a first publication). */
    private static final IngestConfig.SplitTopics THREE_PARTITIONS = new IngestConfig.SplitTopics() {
        @Override
        public int partitions() {
            return 3;
        }

        @Override
        public short replicationFactor() {
            return 1;
        }

        @Override
        public String cleanupPolicy() {
            return "delete";
        }
    };

    private PublishAllBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Path jar = Path.of(args.length > 1 ? args[1] : "ingest-service/target/quarkus-app/quarkus-run.jar");
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        FmnistPlatform platform = null;
        String bootstrap = external;
        if (bootstrap == null) {
            PlatformSettings settings = PlatformSettings.forTests();
            String brokerJvm = System.getenv("BENCH_BROKER_JVM_OPTIONS");
            if (brokerJvm != null && !brokerJvm.isBlank()) {
                settings =
                        settings.withBrokerJvmOptions(List.of(brokerJvm.trim().split("\\s+")));
            }
            System.out.println("broker JVM options: " + settings.brokerJvmOptions());
            platform = FmnistPlatform.start(settings);
            bootstrap = platform.bootstrapServers();
        }
        try {
            System.out.printf(
                    "cores: %d, data: %s, broker: %s%n", Runtime.getRuntime().availableProcessors(), data, bootstrap);
            if (platform != null && Files.isRegularFile(jar)) {
                serviceRun(platform, jar);
            } else {
                System.out.println("service run skipped (needs the packaged service and the local platform)");
            }
            publisherRuns(bootstrap, data);
        } finally {
            if (platform != null) {
                platform.stop();
            }
        }
    }

    private static void serviceRun(FmnistPlatform platform, Path jar) throws Exception {
        int port = 18081;
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        Path.of("ingest-service/target/bench-service.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        platform.bootstrapServers(),
                        "FMNIST_DB_URL",
                        platform.jdbcUrl(),
                        "FMNIST_DB_USER",
                        platform.username(),
                        "FMNIST_DB_PASSWORD",
                        platform.password(),
                        "QUARKUS_HTTP_PORT",
                        Integer.toString(port)));
        Process service = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!ready(http, port)) {
                if (System.nanoTime() > deadline || !service.isAlive()) {
                    throw new IllegalStateException("the service did not become ready; see target/bench-service.log");
                }
                Thread.sleep(250);
            }
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/datasets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            String body = response.body();
            System.out.printf(
                    Locale.ROOT,
                    "service: POST /datasets -> HTTP %d in %.2f s (%s)%n",
                    response.statusCode(),
                    seconds,
                    body.substring(0, Math.min(body.length(), 160)));
            long again = System.nanoTime();
            HttpResponse<String> repeat = http.send(post, HttpResponse.BodyHandlers.ofString());
            System.out.printf(
                    Locale.ROOT,
                    "service: the same again -> HTTP %d in %.2f s (re-read and verified, nothing" + " published)%n",
                    repeat.statusCode(),
                    (System.nanoTime() - again) / 1e9);
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void publisherRuns(String bootstrap, Path data) throws Exception {
        long readStart = System.nanoTime();
        SourceData source = new IdxReader(new ChecksumPolicy(true, true, Map.of())).read(data);
        System.out.printf(
                Locale.ROOT,
                "publisher: read + verify %d images in %.2f s%n",
                source.splits().stream().mapToInt(SplitData::count).sum(),
                (System.nanoTime() - readStart) / 1e9);
        record Setting(String compression, int lingerMs, int batchSize, int inFlight) {}
        // the first run warms this JVM up (its figure is printed as "cold"); the others compare settings
        List<Setting> settings = List.of(
                new Setting("snappy", 20, 1048576, 1),
                new Setting("snappy", 20, 1048576, 1),
                new Setting("snappy", 20, 524288, 1),
                new Setting("snappy", 20, 1048576, 5),
                new Setting("none", 20, 1048576, 1),
                new Setting("zstd", 20, 1048576, 1),
                new Setting("snappy", 5, 16384, 5));
        int run = 0;
        for (Setting setting : settings) {
            run++;
            KafkaClients clients = new KafkaClients(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    tuning(setting.compression(), setting.lingerMs(), setting.batchSize(), setting.inFlight()));
            BulkPublisher publisher = new BulkPublisher(clients, Duration.ofMinutes(2));
            String name = "bench-" + run + "-" + System.currentTimeMillis();
            new TopicCreator(clients, THREE_PARTITIONS)
                    .prepare(source.splits().stream()
                            .map(s -> Topics.datasetSplit(name, s.split()))
                            .toList());
            long start = System.nanoTime();
            long published = 0;
            try {
                for (SplitData split : source.splits()) {
                    published += publisher.publish(
                            SplitRecords.of(Topics.datasetSplit(name, split.split()), name, split),
                            new ProgressMeter("bench " + split.split(), split.count(), Duration.ofSeconds(5)),
                            0);
                }
            } catch (RuntimeException e) {
                System.out.printf(
                        Locale.ROOT,
                        "publisher: compression=%s linger.ms=%d batch.size=%d in-flight=%d:"
                                + " FAILED after %.2f s: %s%n",
                        setting.compression(),
                        setting.lingerMs(),
                        setting.batchSize(),
                        setting.inFlight(),
                        (System.nanoTime() - start) / 1e9,
                        e.getMessage());
                clients.producer().close(Duration.ZERO);
                continue;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "publisher%s: compression=%s linger.ms=%d batch.size=%d in-flight=%d: %,d images"
                            + " acknowledged in %.2f s (%,.0f img/s)%n",
                    run == 1 ? " (cold JVM)" : "",
                    setting.compression(),
                    setting.lingerMs(),
                    setting.batchSize(),
                    setting.inFlight(),
                    published,
                    seconds,
                    published / seconds);
            clients.producer().close();
        }
    }

    private static IngestConfig.Producer tuning(String compression, int lingerMs, int batchSize, int inFlight) {
        return new IngestConfig.Producer() {
            @Override
            public int maxInFlight() {
                return inFlight;
            }

            @Override
            public int lingerMs() {
                return lingerMs;
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public String compression() {
                return compression;
            }

            @Override
            public long bufferMemory() {
                return 134217728L;
            }

            @Override
            public Duration ackTimeout() {
                return Duration.ofMinutes(2);
            }
        };
    }
}
