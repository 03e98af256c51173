package dev.fmnist.inference.bench;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.inference.model.ArtifactStore;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.service.BatchPredictor;
import dev.fmnist.inference.service.InputRecord;
import dev.fmnist.inference.support.RegistryPortResource;
import dev.fmnist.inference.support.StandInRegistry;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Not a test: the streaming benchmark behind {@code bench/run.sh} (under a {@code bench} package: the test run leaves it out, {@code -Pbench} runs it).
 * <ol>
 *   <li>Raw: the model's batched {@link Classifier} on pre-decoded fixture images, batches of
 *       {@code bench.batch} (the consumer's {@code max.poll.records}).</li>
 *   <li>Streaming: {@code bench.images} InputImage records are published while no model serves (the service waits),
 *       then the model is promoted; throughput = images / (time from "model serves" to the last prediction
 *       acknowledged on {@code fmnist.predictions}).</li>
 *   <li>Latency: images offered at a fixed {@code bench.rate} per second for {@code bench.seconds}; per image the
 *       service's {@code latencyMs} (record timestamp to prediction) and the end-to-end time until this client
 *       reads the prediction.</li>
 * </ol>
 * Results are printed and written to {@code target/bench/inference-benchmark.md}.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(RegistryPortResource.class)
class StreamingBenchmark {

    private final String architecture = System.getProperty("bench.architecture", "mlp");
    private final int images = Integer.getInteger("bench.images", 100_000);
    private final int batch = Integer.getInteger("bench.batch", 500);
    private final int rate = Integer.getInteger("bench.rate", 1000);
    private final int seconds = Integer.getInteger("bench.seconds", 30);

    @Inject
    ServingModelHolder holder;

    @Test
    void run() throws Exception {
        String bootstrap = SharedTestPlatform.get().bootstrapServers();
        TrainingData train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
        ModelBundle bundle = ModelTrainer.train(TrainingSpec.defaults(architecture, 1), train, TrainingListener.NONE);
        Path file = Files.createTempFile("bench-" + architecture, ".model.zip");
        Files.write(file, bundle.toBytes());
        List<byte[]> pixels = train.images();
        StringBuilder report = new StringBuilder();
        report.append("backend: ")
                .append(Dl4jRuntime.initialise())
                .append('\n')
                .append("model: ")
                .append(architecture)
                .append(", ")
                .append(bundle.metadata().parameterCount())
                .append(" parameters; cores: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append("; OMP_NUM_THREADS=")
                .append(System.getenv("OMP_NUM_THREADS"))
                .append('\n');

        double raw = rawThroughput(bundle.classifier(), pixels);
        double rawWithDecoding = rawWithDecoding(bundle.classifier(), pixels);
        report.append(String.format("raw batched Classifier (batch %d): %.0f img/s%n", batch, raw));
        report.append(String.format("raw incl. JSON validation + base64 decoding: %.0f img/s%n", rawWithDecoding));

        URI registryUrl =
                URI.create(ConfigProvider.getConfig().getValue(RegistryPortResource.REGISTRY_URL, String.class));
        try (StandInRegistry registry = StandInRegistry.start(registryUrl.getPort());
                KafkaProducer<String, byte[]> producer = producer(bootstrap);
                KafkaConsumer<String, byte[]> offsets = consumer(bootstrap)) {
            long before = endOffsetTotal(offsets);
            for (int i = 0; i < images; i++) {
                String id = "thr-" + i;
                producer.send(new ProducerRecord<>(
                        Topics.IMAGES_INPUT,
                        id,
                        JsonCodec.toBytes(InputImage.ofPixels(id, pixels.get(i % pixels.size()), null))));
            }
            producer.flush();
            String sha = ArtifactStore.sha256Of(file);
            registry.register(
                    "bench-" + architecture, 1, architecture, ModelStatus.PRODUCTION, sha, Files.readAllBytes(file));
            ModelEvent event = new ModelEvent(
                    "bench-" + architecture,
                    "bench",
                    1,
                    architecture,
                    ModelStatus.PRODUCTION,
                    null,
                    Map.of(),
                    null,
                    null,
                    sha,
                    registry.artifactUrl("bench-" + architecture),
                    "benchmark",
                    Instant.now());
            producer.send(new ProducerRecord<>(Topics.MODELS, event.modelId(), JsonCodec.toBytes(event)))
                    .get();
            while (holder.current().isEmpty()) {
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            while (endOffsetTotal(offsets) < before + images) {
                Thread.sleep(20);
            }
            double streaming = images / ((System.nanoTime() - start) / 1e9);
            double rawAfter = rawThroughput(bundle.classifier(), pixels);
            double rawMean = (raw + rawAfter) / 2;
            report.append(
                    String.format("raw batched Classifier again, after the streaming run: %.0f img/s%n", rawAfter));
            report.append(String.format(
                    "streaming through Kafka (%d images backlog): %.0f img/s = %.0f%% of raw "
                            + "(mean of before/after), %.0f%% of raw incl. decoding%n",
                    images, streaming, 100 * streaming / rawMean, 100 * streaming / rawWithDecoding));

            report.append(latency(bootstrap, producer, pixels));
        }
        System.out.println("\n===== inference-service benchmark =====\n" + report);
        Path out = Path.of("target/bench/inference-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private double rawThroughput(Classifier classifier, List<byte[]> pixels) {
        List<byte[]> input = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            input.add(pixels.get(i % pixels.size()));
        }
        timed(() -> classifier.predictProbabilities(input), Duration.ofSeconds(3));
        return batch * timed(() -> classifier.predictProbabilities(input), Duration.ofSeconds(10));
    }

    private double rawWithDecoding(Classifier classifier, List<byte[]> pixels) {
        BatchPredictor predictor = new BatchPredictor(new InputImageValidator("bench"), Clock.systemUTC());
        var model = new dev.fmnist.inference.model.ServingModel(
                "raw", "raw", 1, architecture, "", classifier, Instant.now());
        List<InputRecord> records = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            records.add(new InputRecord(
                    Topics.IMAGES_INPUT,
                    "r" + i,
                    JsonCodec.toBytes(InputImage.ofPixels("r" + i, pixels.get(i % pixels.size()), null)),
                    Instant.now()));
        }
        timed(() -> predictor.predict(records, model), Duration.ofSeconds(2));
        return batch * timed(() -> predictor.predict(records, model), Duration.ofSeconds(5));
    }

    /** @return calls per second of {@code work} over about {@code duration} */
    private static double timed(Runnable work, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long calls = 0;
        long now;
        do {
            work.run();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return calls / ((now - start) / 1e9);
    }

    private String latency(String bootstrap, KafkaProducer<String, byte[]> producer, List<byte[]> pixels)
            throws Exception {
        int total = rate * seconds;
        List<double[]> samples = new ArrayList<>(total);
        long[] sentAt = new long[total];
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS).stream()
                    .map(info -> new TopicPartition(Topics.PREDICTIONS, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread sender = new Thread(() -> {
                long start = System.nanoTime();
                int tick = Math.max(1, rate / 100);
                for (int i = 0; i < total; i++) {
                    if (i % tick == 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    String id = "lat-" + i;
                    sentAt[i] = System.nanoTime();
                    producer.send(new ProducerRecord<>(
                            Topics.IMAGES_INPUT,
                            id,
                            JsonCodec.toBytes(InputImage.ofPixels(id, pixels.get(i % pixels.size()), null))));
                }
            });
            long start = System.nanoTime();
            sender.start();
            long deadline = start + Duration.ofSeconds(seconds + 60L).toNanos();
            while (samples.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.key() != null && record.key().startsWith("lat-")) {
                        long received = System.nanoTime();
                        int index = Integer.parseInt(record.key().substring(4));
                        Prediction prediction = JsonCodec.fromBytes(record.value(), Prediction.class);
                        samples.add(new double[] {prediction.latencyMs(), (received - sentAt[index]) / 1e6});
                    }
                }
            }
            sender.join();
            double achieved = samples.size() / ((System.nanoTime() - start) / 1e9);
            double[] service = samples.stream().mapToDouble(s -> s[0]).sorted().toArray();
            double[] endToEnd = samples.stream().mapToDouble(s -> s[1]).sorted().toArray();
            return String.format(
                    "latency at %d img/s offered for %d s (%d of %d predictions read, %.0f img/s):%n"
                            + "  service latencyMs (record timestamp -> prediction): p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms%n"
                            + "  end to end (send -> prediction read by a client): p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms%n",
                    rate,
                    seconds,
                    samples.size(),
                    total,
                    achieved,
                    percentile(service, 50),
                    percentile(service, 99),
                    service.length == 0 ? Double.NaN : service[service.length - 1],
                    percentile(endToEnd, 50),
                    percentile(endToEnd, 99),
                    endToEnd.length == 0 ? Double.NaN : endToEnd[endToEnd.length - 1]);
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long endOffsetTotal(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS).stream()
                .map(info -> new TopicPartition(Topics.PREDICTIONS, info.partition()))
                .toList();
        return consumer.endOffsets(partitions).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(properties);
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }
}
