package dev.fmnist.platform;

import dev.fmnist.platform.kafka.ContractTopics;
import dev.fmnist.platform.kafka.KafkaBroker;
import dev.fmnist.platform.kafka.TopicProvisioner;
import dev.fmnist.platform.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The pipeline's infrastructure in one object: a real Kafka broker (KRaft, own JVM) with every contract topic, and a
 * real PostgreSQL with the {@code fmnist} database.
 *
 * <pre>{@code
 * try (FmnistPlatform platform = FmnistPlatform.start(PlatformSettings.local(Path.of(".")))) {
 *     platform.bootstrapServers();   // localhost:9092
 *     platform.jdbcUrl();            // jdbc:postgresql://localhost:5432/fmnist
 * }
 * }</pre>
 *
 * <p>A JVM shutdown hook stops both servers when the JVM exits without {@link #stop()}; and each server has a
 * watchdog that stops it when the JVM is killed outright.
 */
public final class FmnistPlatform implements PlatformEndpoints, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FmnistPlatform.class.getName());

    private final PlatformSettings settings;
    /** Replaced by {@link #crashAndRestartKafka}. */
    private volatile KafkaBroker kafka;
    /** Replaced by {@link #crashAndRestartPostgres}. */
    private volatile PostgresServer postgres;

    private final List<String> createdTopics;
    private final StopOnExit stopOnExit;

    private FmnistPlatform(
            PlatformSettings settings, KafkaBroker kafka, PostgresServer postgres, List<String> createdTopics) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.createdTopics = List.copyOf(createdTopics);
        this.stopOnExit = new StopOnExit("fmnist-platform-shutdown", this::stopServers);
    }

    /**
     * Starts Kafka and PostgreSQL (side by side), creates the missing contract topics and the application database.
     *
     * @param settings ports and data directory
     * @return the running platform
     * @throws IllegalStateException when a port is taken or a server does not come up
     */
    public static FmnistPlatform start(PlatformSettings settings) {
        refuseBusyPorts(settings);
        Path root = settings.dataDirectory();
        try {
            Files.createDirectories(settings.logDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.logDirectory(), e);
        }
        Executor starter = starterThreads();
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(
                        root.resolve("kafka"),
                        settings.kafkaPort(),
                        settings.kafkaControllerPort(),
                        settings.brokerJvmOptions(),
                        settings.startTimeout()),
                starter);
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(
                        root.resolve("postgres"),
                        settings.logDirectory().resolve("postgres.log"),
                        settings.postgresPort(),
                        settings.durable()),
                starter);
        KafkaBroker broker = null;
        PostgresServer database = null;
        try {
            broker = join(kafka);
            database = join(postgres);
            List<String> created = new TopicProvisioner(broker.bootstrapServers()).ensure(ContractTopics.ALL);
            FmnistPlatform platform = new FmnistPlatform(settings, broker, database, created);
            LOG.info(() -> "fmnist platform up: Kafka " + platform.bootstrapServers() + ", PostgreSQL "
                    + platform.jdbcUrl() + ", data " + root.toAbsolutePath());
            return platform;
        } catch (RuntimeException e) {
            closeQuietly(
                    broker != null ? broker : kafka.exceptionally(t -> null).join());
            closeQuietly(
                    database != null
                            ? database
                            : postgres.exceptionally(t -> null).join());
            if (!settings.durable()) {
                deleteRecursively(root);
            }
            throw e;
        }
    }

    /** @return the settings this platform runs with */
    public PlatformSettings settings() {
        return settings;
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String username() {
        return PostgresServer.USER;
    }

    @Override
    public String password() {
        return PostgresServer.PASSWORD;
    }

    /** @return the Kafka client port */
    public int kafkaPort() {
        return kafka.port();
    }

    /** @return the PostgreSQL port */
    public int postgresPort() {
        return postgres.port();
    }

    /** @return the root of the platform's files */
    public Path dataDirectory() {
        return settings.dataDirectory();
    }

    /** @return the directory of the platform's logs (the broker logs under {@code kafka/logs}) */
    public Path logDirectory() {
        return settings.logDirectory();
    }

    /** @return the process id of the broker's JVM */
    public long kafkaPid() {
        return kafka.pid();
    }

    /** @return the process id of the PostgreSQL postmaster, when known */
    public OptionalLong postgresPid() {
        return postgres.pid();
    }

    /**
     * Crashes the broker and brings it back, the way an orchestrator restarts a failed container: SIGKILL to its
     * JVM, {@code downtime} without a broker, then a new broker on the same ports and data directory, ready when
     * this returns: it answers and every partition has a leader again. Clients see an outage, not a new cluster.
     * For fault tests.
     *
     * @param downtime how long no broker runs
     * @throws IllegalStateException when the platform is stopped, or the broker does not come back
     */
    public synchronized void crashAndRestartKafka(Duration downtime) {
        refuseWhenStopped();
        KafkaBroker crashed = kafka;
        crashed.kill();
        LOG.info(() -> "Kafka broker killed (pid " + crashed.pid() + "); restarting in " + downtime.toMillis() + " ms");
        pause(downtime);
        kafka = KafkaBroker.start(
                crashed.directory(),
                crashed.port(),
                crashed.controllerPort(),
                settings.brokerJvmOptions(),
                settings.startTimeout());
        kafka.awaitPartitionLeaders(settings.startTimeout());
    }

    /**
     * Crashes PostgreSQL and brings it back: SIGKILL to the postmaster and every backend, {@code downtime} without a
     * database, then a new server on the same port and data directory (through crash recovery), ready when this
     * returns. Connections open at the crash are broken; committed transactions survive. For fault tests.
     *
     * @param downtime how long no database runs
     * @throws IllegalStateException when the platform is stopped, or PostgreSQL does not come back
     */
    public synchronized void crashAndRestartPostgres(Duration downtime) {
        refuseWhenStopped();
        PostgresServer crashed = postgres;
        crashed.kill();
        LOG.info(() -> "PostgreSQL killed; restarting in " + downtime.toMillis() + " ms");
        pause(downtime);
        postgres = PostgresServer.start(
                crashed.dataDirectory(),
                settings.logDirectory().resolve("postgres.log"),
                crashed.port(),
                settings.durable());
    }

    private void refuseWhenStopped() {
        if (isStopped()) {
            throw new IllegalStateException("the platform is stopped");
        }
    }

    private static void pause(Duration downtime) {
        try {
            Thread.sleep(downtime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a restart", e);
        }
    }

    /** @return the contract topics this start created (empty when they all existed already) */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** @return whether {@link #stop()} has run */
    public boolean isStopped() {
        return stopOnExit.isStopped();
    }

    /** Stops Kafka, then PostgreSQL; a test platform also deletes its data. Idempotent. */
    public void stop() {
        stopOnExit.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stopServers() {
        closeQuietly(kafka);
        closeQuietly(postgres);
        if (!settings.durable()) {
            archiveLogs();
            deleteRecursively(settings.dataDirectory());
        }
    }

    /** Copies the broker's and PostgreSQL's logs to {@link PlatformSettings#logArchive()}, if set. */
    private void archiveLogs() {
        Path archive = settings.logArchive();
        if (archive == null) {
            return;
        }
        Path root = settings.dataDirectory();
        Path target = archive.resolve(root.getFileName().toString());
        Map<String, Path> logs = Map.of(
                "kafka-server.log", root.resolve("kafka/logs/server.log"),
                "kafka-console.log", root.resolve("kafka/logs/console.log"),
                "postgres.log", settings.logDirectory().resolve("postgres.log"));
        try {
            Files.createDirectories(target);
            for (Map.Entry<String, Path> log : logs.entrySet()) {
                if (Files.exists(log.getValue())) {
                    Files.copy(log.getValue(), target.resolve(log.getKey()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "cannot archive the platform logs to " + target + ": " + e);
        }
    }

    /**
     * One new thread per server start, with the caller's context class loader: a shared pool thread may carry the
     * class loader of whatever used it before (another test's application), and Kafka's clients load their
     * plugins (e.g. the JMX reporter) through it.
     */
    private static Executor starterThreads() {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        return task -> {
            Thread thread = new Thread(task, "fmnist-platform-start");
            thread.setContextClassLoader(caller);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static void refuseBusyPorts(PlatformSettings settings) {
        List<String> busy = new ArrayList<>();
        if (FreePorts.isListening(settings.kafkaPort())) {
            busy.add("Kafka " + settings.kafkaPort());
        }
        if (FreePorts.isListening(settings.kafkaControllerPort())) {
            busy.add("Kafka controller " + settings.kafkaControllerPort());
        }
        if (FreePorts.isListening(settings.postgresPort())) {
            busy.add("PostgreSQL " + settings.postgresPort());
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use on localhost: " + String.join(", ", busy)
                    + " (is the platform running already?)");
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warning(() -> "cannot stop " + closeable + ": " + e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warning(() -> "cannot delete " + root + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "FmnistPlatform[" + bootstrapServers() + ", " + jdbcUrl() + ", " + dataDirectory() + "]";
    }
}
