package dev.fmnist.pipeline;

import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.console.Steps;
import dev.fmnist.cli.demo.DemoResult;
import dev.fmnist.cli.demo.DemoRunner;
import dev.fmnist.cli.demo.DemoSettings;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.launcher.LaunchSettings;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.launcher.RunningServices;
import dev.fmnist.launcher.ServiceLauncher;
import dev.fmnist.launcher.ServicePorts;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.platform.PlatformSettings;
import dev.fmnist.testing.Fixtures;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The whole pipeline under faults: the real platform and the four packaged services as processes, a small MLP trained
 * and promoted through the demo's own flow, then waves of labelled images (the fixture's 500 test images, fresh ids
 * per wave) on {@code fmnist.images.input} while one fault after another hits the pipeline: a kill -9 of
 * evaluation-service, of inference-service, a crash of the broker, a crash of PostgreSQL, hostile records, and a
 * kill -9 of both consumers after them.
 *
 * <p>After each fault, within {@link #RECOVERY}: every image of the wave has a Prediction of the model on
 * {@code fmnist.predictions}; evaluation-service's latest Evaluation (REST and {@code fmnist.evaluations}) counts every
 * distinct labelled id of the model exactly once, with the confusion matrix an independent oracle recomputes from the
 * predictions topic; and every service's {@code /q/health/ready} is UP again without outside help, within
 * {@link #READY_WITHIN}. Duplicate
 * Predictions are allowed only after a crash of inference-service or of the broker (a batch whose offsets were not
 * committed is predicted again); otherwise an image is predicted once.
 *
 * <p>Each fault is its own test, in order, and its failure message says what was lost or stuck. A step that finds a
 * service not ready (left so by an earlier step) restarts it first and says so, so that each step is judged on its
 * own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    /**
     * How long the pipeline may take, after a fault has ended, to predict, count and be ready again: 90 s, or the
     * system property {@code fmnist.faults.recovery} (an ISO-8601 duration such as {@code PT3M}, for slow machines).
     */
    static final Duration RECOVERY = Duration.parse(System.getProperty("fmnist.faults.recovery", "PT90S"));
    /**
     * How long the four services may take, after a fault has ended, to all answer {@code /q/health/ready} with 200
     * again: 60 s, or the system property {@code fmnist.faults.ready-within}.
     */
    static final Duration READY_WITHIN = Duration.parse(System.getProperty("fmnist.faults.ready-within", "PT60S"));
    /** How long a dependency stays down. */
    static final Duration DOWNTIME = Duration.ofSeconds(2);

    private static final String DATASET = "fashion-mnist-mini";
    private static final Duration POLL = Duration.ofMillis(500);

    /** The Kafka clients of this JVM log every connection attempt at INFO: a broker restart would fill the log. */
    private static final Logger KAFKA_CLIENTS = Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_CLIENTS.setLevel(Level.WARNING);
    }

    private static Path platformData;
    private static FmnistPlatform platform;
    private static RunningServices services;
    private static TopicRecorder recorder;
    private static String modelId;
    private static IdxSplit testSplit;
    private static String run;

    @BeforeAll
    static void startThePipelineAndTrainAModel() throws Exception {
        Path project = Path.of(System.getProperty("fmnist.home", ".."))
                .toAbsolutePath()
                .normalize();
        Path data = Files.createTempDirectory(project.resolve("pipeline-it/target"), "faults-");
        // durable: PostgreSQL with synchronous_commit (and fsync) on, as any real database runs. The test platform's
        // default (off) lets a crash of the server lose its last commits, which the services rightly count on.
        platformData = data.resolve("platform");
        platform = FmnistPlatform.start(
                PlatformSettings.forTests().withDataDirectory(platformData).withDurable(true));
        services = ServiceLauncher.start(LaunchSettings.of(project, data.resolve("services"), platform)
                .withPorts(ServicePorts.free())
                .withDatasetFolder(Fixtures.fashionMnistMini())
                .withTimeouts(Duration.ofMinutes(4), Duration.ofSeconds(20)));
        TrainingJob job = new TrainingJob(
                null,
                DATASET,
                "mlp",
                2,
                64,
                0.002,
                11L,
                "fault-tolerance-it-mlp",
                Map.of("hiddenLayers", List.of(32)),
                null);
        DemoSettings settings = DemoSettings.official(Fixtures.fashionMnistMini())
                .withDataset(Fixtures.fashionMnistMini(), DATASET)
                .withJob(job)
                .withRetrain(true)
                .withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(3));
        DemoResult result = new DemoRunner(
                        settings,
                        ServiceUrls.of(services),
                        platform.bootstrapServers(),
                        new Steps(new PrintWriter(System.out, true), 7),
                        false)
                .run();
        modelId = result.modelId();
        testSplit = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
        run = "ft-" + UUID.randomUUID().toString().substring(0, 6);
        recorder = new TopicRecorder(platform.bootstrapServers());
    }

    @AfterAll
    static void stopEverything() {
        if (recorder != null) {
            recorder.close();
        }
        if (services != null) {
            services.stop();
        }
        if (platform != null) {
            platform.stop();
        }
        if (platformData != null) {
            // a durable platform keeps its data; its logs (logs/, kafka/logs/) stay for post-mortems
            deleteRecursively(platformData.resolve("postgres"));
            deleteRecursively(platformData.resolve("kafka").resolve("data"));
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("[faults] cannot delete " + root + ": " + e);
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void evaluationServiceKilledOutright() {
        faultStep("after kill -9 of evaluation-service", "kill-evaluation", false, rest -> {
            services.kill(PipelineService.EVALUATION);
            rest.run();
            services.startAgain(PipelineService.EVALUATION);
        });
    }

    @Test
    @Order(2)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void inferenceServiceKilledOutright() {
        // redelivery allowed: the batches whose offsets were not committed yet are predicted again
        faultStep("after kill -9 of inference-service", "kill-inference", true, rest -> {
            services.kill(PipelineService.INFERENCE);
            rest.run();
            services.startAgain(PipelineService.INFERENCE);
        });
    }

    @Test
    @Order(3)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void brokerCrashedAndRestarted() {
        // redelivery allowed: a batch in flight at the crash may be predicted again
        faultStep("after a crash and restart of the Kafka broker", "broker-restart", true, true, rest -> {
            platform.crashAndRestartKafka(DOWNTIME);
            rest.run();
        });
    }

    @Test
    @Order(4)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void postgresCrashedAndRestarted() {
        faultStep("after a crash and restart of PostgreSQL", "postgres-restart", false, true, rest -> {
            CompletableFuture<Void> crash = CompletableFuture.runAsync(
                    () -> platform.crashAndRestartPostgres(DOWNTIME),
                    task -> new Thread(task, "postgres-crash").start());
            pause(Duration.ofMillis(300));
            rest.run(); // published while PostgreSQL is down: predicted now, counted once it is back
            crash.join();
        });
    }

    @Test
    @Order(5)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void hostileJsonAndIdsAreRefusedWhileTheRecordsBehindThemAreProcessed() {
        List<HostileRecord> hostile = HostileRecord.jsonAndIds(run + "-hostile", testSplit.image(0), modelId);
        hostileStep("hostile JSON and ids", "hostile", hostile);
    }

    @Test
    @Order(6)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void decompressionBombsAreRefusedWhileTheRecordsBehindThemAreProcessed() {
        hostileStep("decompression bombs", "bomb", HostileRecord.decompressionBombs(run + "-bomb"));
    }

    @Test
    @Order(7)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void afterTheHostileRecordsBothConsumersKilledOutrightStillProcessEverything() {
        faultStep(
                "after the hostile records, kill -9 of inference-service and evaluation-service",
                "kill-both",
                true,
                rest -> {
                    services.kill(PipelineService.INFERENCE);
                    services.kill(PipelineService.EVALUATION);
                    rest.run();
                    services.startAgain(PipelineService.INFERENCE);
                    services.startAgain(PipelineService.EVALUATION);
                });
    }

    /** A fault that publishes the second half of its wave (through {@code rest}) during or right after the outage. */
    @FunctionalInterface
    interface Fault {
        void inject(Runnable rest);
    }

    private static void faultStep(String name, String slug, boolean duplicatesAllowed, Fault fault) {
        faultStep(name, slug, duplicatesAllowed, false, fault);
    }

    /**
     * @param alwaysLive whether every service's liveness must stay UP throughout (an outage of a dependency: the
     *                   services wait, none should look dead)
     */
    private static void faultStep(
            String name, String slug, boolean duplicatesAllowed, boolean alwaysLive, Fault fault) {
        String repaired = repairPrecondition(name);
        List<String> ids = waveIds(slug, testSplit.count());
        int half = ids.size() / 2;
        publish(ids.subList(0, half), 0);
        awaitFirstPrediction(ids);
        long start = System.nanoTime();
        Settled settled;
        long faultEnded;
        Map<String, String> notLive;
        try (LivenessWatch liveness = alwaysLive ? LivenessWatch.start(services) : null) {
            fault.inject(() -> publish(ids.subList(half, ids.size()), half));
            faultEnded = System.nanoTime();
            settled = awaitSettled(ids);
            notLive = liveness == null ? Map.of() : liveness.notLive();
            if (liveness != null) {
                System.out.printf(
                        "[faults]   seen not ready (paused) meanwhile: %s; liveness DOWN: %s%n",
                        liveness.seenNotReady().keySet(), notLive.isEmpty() ? "never" : notLive);
            }
        }
        report(name, repaired, settled, start, faultEnded, duplicatesAllowed);
        List<String> problems = new ArrayList<>();
        if (alwaysLive && !notLive.isEmpty()) {
            problems.add("liveness was DOWN while only a dependency was: " + notLive);
        }
        String outcome = settled.outcome().problems(duplicatesAllowed);
        if (!outcome.isEmpty()) {
            problems.add(outcome);
        }
        if (settled.readyAt() != 0 && settled.readyAt() - faultEnded > READY_WITHIN.toNanos()) {
            problems.add(String.format(
                    "the services were all ready only %.1f s after the fault (at most %d s)",
                    (settled.readyAt() - faultEnded) / 1e9, READY_WITHIN.toSeconds()));
        }
        if (!problems.isEmpty()) {
            fail(name + ": " + String.join("; ", problems) + repaired);
        }
    }

    private static void hostileStep(String name, String slug, List<HostileRecord> hostile) {
        String repaired = repairPrecondition(name);
        int good = 100;
        List<String> ids = waveIds(slug, good);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            int every = good / (hostile.size() + 1);
            int next = 0;
            for (int i = 0; i < good; i++) {
                if (next < hostile.size() && i == every * (next + 1)) {
                    HostileRecord record = hostile.get(next++);
                    sent.add(producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())));
                }
                InputImage image = InputImage.ofPixels(ids.get(i), testSplit.image(i), testSplit.label(i));
                sent.add(
                        producer.send(new ProducerRecord<>(Topics.IMAGES_INPUT, image.id(), JsonCodec.toBytes(image))));
            }
            producer.flush();
            sent.forEach(FaultToleranceIT::awaitAcknowledged);
        }
        long published = System.nanoTime();
        Settled settled = awaitSettled(ids, () -> refusalProblems(hostile).isEmpty());
        report(name, repaired, settled, start, published, false);
        for (HostileRecord record : hostile) {
            System.out.printf(
                    "[faults]   %s: %s%n",
                    record.name(),
                    recorder.rejectionsOf(List.of(record.key())).stream()
                            .map(r -> r.service() + " '" + abbreviate(r.reason()) + "'")
                            .toList());
        }
        List<String> problems = new ArrayList<>(refusalProblems(hostile));
        String pipeline = settled.outcome().problems(false);
        if (!pipeline.isEmpty()) {
            problems.add("the good records around them: " + pipeline);
        }
        if (!problems.isEmpty()) {
            fail(name + ": " + String.join("; ", problems) + repaired);
        }
    }

    /** @return for each hostile record not refused as the contract says, what happened to it instead */
    private static List<String> refusalProblems(List<HostileRecord> hostile) {
        List<String> problems = new ArrayList<>();
        for (HostileRecord record : hostile) {
            List<Rejection> rejections = recorder.rejectionsOf(List.of(record.key()));
            // inference keys a Prediction by its image id, and every id a hostile record holds starts with its key
            int predicted =
                    record.topic().equals(Topics.IMAGES_INPUT) ? recorder.predictionRecordsKeyedLike(record.key()) : 0;
            boolean refused = rejections.stream()
                    .anyMatch(
                            r -> record.matches(r.reason()) && record.service().equals(r.service()));
            if (!refused) {
                problems.add(record.name() + " was not refused by " + record.service() + " with rule "
                        + String.join(" or ", record.rules()) + " (rejections: "
                        + (rejections.isEmpty()
                                ? "none"
                                : rejections.stream()
                                        .map(r -> r.service() + " '" + abbreviate(r.reason()) + "'")
                                        .toList())
                        + (predicted > 0 ? "; predicted " + predicted + " time(s) instead" : "") + ")");
            } else if (predicted > 0) {
                problems.add(record.name() + " was refused but also predicted " + predicted + " time(s)");
            }
        }
        return problems;
    }

    /**
     * A step starts from a ready pipeline: a service still not ready after an earlier step (which then failed) is
     * restarted, and the step's message says so.
     */
    private static String repairPrecondition(String step) {
        recorder.check();
        Map<String, String> down = awaitReady(Duration.ofSeconds(30));
        if (down.isEmpty()) {
            return "";
        }
        for (PipelineService service : PipelineService.values()) {
            if (down.containsKey(service.moduleName())) {
                services.kill(service);
                services.startAgain(service);
            }
        }
        Map<String, String> still = awaitReady(RECOVERY);
        if (!still.isEmpty()) {
            fail(step + ": cannot start from a ready pipeline; not ready even after a restart: " + still
                    + " (before the restart: " + down + ")");
        }
        return " [before this step the test restarted " + String.join(", ", down.keySet()) + ", left not ready: " + down
                + "]";
    }

    private static Map<String, String> awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> down = ReadinessReport.notReady(services);
        while (!down.isEmpty() && System.nanoTime() < deadline) {
            pause(POLL);
            down = ReadinessReport.notReady(services);
        }
        return down;
    }

    /**
     * A wave's outcome once it settled or {@link #RECOVERY} passed.
     *
     * @param outcome   the outcome
     * @param readyAt   since when all four services have been seen ready ({@link System#nanoTime()}), or 0
     * @param settledAt when the wait ended
     */
    private record Settled(WaveOutcome outcome, long readyAt, long settledAt) {}

    private static Settled awaitSettled(List<String> ids) {
        return awaitSettled(ids, () -> true);
    }

    /** Polls until the wave is settled (and {@code alsoDone} holds), or {@link #RECOVERY} has passed. */
    private static Settled awaitSettled(List<String> ids, BooleanSupplier alsoDone) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        long readyAt = 0;
        WaveOutcome outcome = outcome(ids);
        while (true) {
            if (!outcome.notReady().isEmpty()) {
                readyAt = 0;
            } else if (readyAt == 0) {
                readyAt = System.nanoTime();
            }
            if ((outcome.settled() && alsoDone.getAsBoolean()) || System.nanoTime() > deadline) {
                break;
            }
            pause(POLL);
            recorder.check();
            outcome = outcome(ids);
        }
        long settledAt = System.nanoTime();
        // a moment more, so that a late duplicate or an extra count shows up
        pause(Duration.ofSeconds(2));
        return new Settled(outcome(ids), readyAt, settledAt);
    }

    private static WaveOutcome outcome(List<String> ids) {
        return WaveOutcome.of(
                ids,
                recorder.predictionsOf(modelId),
                storedEvaluation(),
                recorder.newestEvaluation(modelId),
                ReadinessReport.notReady(services));
    }

    private static Evaluation storedEvaluation() {
        try {
            return ServiceUrls.of(services).evaluationClient().latest(modelId).orElse(null);
        } catch (RuntimeException unavailable) {
            return null;
        }
    }

    private static void awaitFirstPrediction(List<String> ids) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, ?> predicted = recorder.predictionsOf(modelId);
            if (ids.stream().anyMatch(predicted::containsKey)) {
                return;
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void report(
            String name, String repaired, Settled settled, long start, long faultEnded, boolean duplicatesAllowed) {
        WaveOutcome outcome = settled.outcome();
        System.out.printf(
                "[faults] %s: %d/%d predicted, %d predicted twice%s, evaluation counts %s of %d labelled "
                        + "ids, not ready: %s; fault took %.1f s; all ready %s, settled%s %.1f s after it%s%n",
                name,
                outcome.waveSize() - outcome.missing().size(),
                outcome.waveSize(),
                outcome.duplicated().size(),
                duplicatesAllowed ? " (allowed: redelivery after a crash)" : "",
                outcome.stored() == null
                        ? "nothing"
                        : Long.toString(outcome.stored().count()),
                outcome.labelledIds(),
                outcome.notReady().isEmpty() ? "none" : outcome.notReady().keySet(),
                (faultEnded - start) / 1e9,
                settled.readyAt() == 0
                        ? "never"
                        : String.format("%.1f s after it", Math.max(0, settled.readyAt() - faultEnded) / 1e9),
                outcome.settled() ? "" : " (or gave up)",
                (settled.settledAt() - faultEnded) / 1e9,
                repaired);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    private static List<String> waveIds(String slug, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("%s-%s-%03d", run, slug, i))
                .toList();
    }

    /** Publishes labelled test images under the given ids (the i-th id gets test image {@code first + i}). */
    private static void publish(List<String> ids, int first) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                int index = first + i;
                InputImage image = InputImage.ofPixels(ids.get(i), testSplit.image(index), testSplit.label(index));
                sent.add(
                        producer.send(new ProducerRecord<>(Topics.IMAGES_INPUT, image.id(), JsonCodec.toBytes(image))));
            }
            producer.flush();
            sent.forEach(FaultToleranceIT::awaitAcknowledged);
        }
    }

    /**
     * The test's own producer: idempotent, {@code acks=all}, like the CLI's {@code ImagePublisher}, but with room for
     * a broker that is still taking its partitions back (2 minutes per record): a publishing failure is the test's,
     * not the pipeline's.
     */
    private static KafkaProducer<String, byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static void awaitAcknowledged(Future<RecordMetadata> sent) {
        try {
            sent.get(150, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the test could not publish a record: " + e, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
