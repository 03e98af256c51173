package dev.fmnist.platform.kafka;

import dev.fmnist.platform.Lifeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A real Apache Kafka broker in KRaft mode (one node that is broker and controller), run in its own JVM.
 *
 * <p>The broker's classpath is the one Maven resolved for this module (written to
 * {@value #CLASSPATH_RESOURCE} at build time), so the broker jars never sit on a service's classpath. The data
 * directory holds {@code server.properties}, the log4j2 configuration, the cluster id, the topic data under
 * {@code data/} and the broker's log under {@code logs/}.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Resource listing the broker's runtime classpath, written by the build. */
    public static final String CLASSPATH_RESOURCE = "META-INF/fmnist/kafka-broker.classpath";

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());
    private static final String LAUNCHER = BrokerLauncher.class.getName();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final Process process;
    private final Lifeline lifeline;

    private KafkaBroker(Path directory, int port, int controllerPort, Process process) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
        // SIGTERM runs Kafka's own shutdown hook: a broker is never left behind by a JVM killed outright
        this.lifeline = Lifeline.guard("kafka", List.of(process.pid()), brokerMarker(directory), "TERM", Duration.ZERO);
    }

    private static String brokerMarker(Path directory) {
        return "-Dfmnist.kafka.broker=" + directory.toAbsolutePath();
    }

    /**
     * Starts the broker and waits until it answers a metadata request.
     *
     * @param directory      where the broker keeps its data, configuration and logs (created when missing)
     * @param port           client port (PLAINTEXT listener on localhost)
     * @param controllerPort KRaft controller port
     * @param jvmOptions     extra options of the broker JVM, such as {@code -Xmx512m}
     * @param startTimeout   how long to wait for the broker to answer
     * @return the running broker
     * @throws IllegalStateException when the broker does not come up; its log tail is in the message
     */
    public static KafkaBroker start(
            Path directory, int port, int controllerPort, List<String> jvmOptions, Duration startTimeout) {
        try {
            Files.createDirectories(directory.resolve("logs"));
            Path serverProperties = writeServerProperties(directory, port, controllerPort);
            Path log4j = writeLog4jConfig(directory);
            String clusterId = clusterId(directory);
            String classpath = installLauncher(directory) + java.io.File.pathSeparator + brokerClasspath();

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
            command.add("-Dkafka.logs.dir=" + directory.resolve("logs").toAbsolutePath());
            command.add(brokerMarker(directory));
            command.add("-cp");
            command.add(classpath);
            command.add(LAUNCHER);
            command.add(serverProperties.toAbsolutePath().toString());
            command.add(clusterId);

            Path console = directory.resolve("logs").resolve("console.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                    .start();
            KafkaBroker broker = new KafkaBroker(directory, port, controllerPort, process);
            try {
                broker.awaitReady(startTimeout);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            LOG.info(() -> "Kafka broker ready on localhost:" + port + " (pid " + process.pid() + ", data "
                    + directory.toAbsolutePath() + ")");
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + directory, e);
        }
    }

    /** @return {@code localhost:<port>} */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** @return the client port */
    public int port() {
        return port;
    }

    /** @return the KRaft controller port */
    public int controllerPort() {
        return controllerPort;
    }

    /** @return the broker's data directory */
    public Path directory() {
        return directory;
    }

    /** @return the broker JVM's process id */
    public long pid() {
        return process.pid();
    }

    /** @return whether the broker JVM is running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the broker cleanly (SIGTERM runs Kafka's controlled shutdown), and forcibly after a timeout. Idempotent.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            lifeline.dismiss();
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warning(
                        () -> "Kafka broker did not stop within " + STOP_TIMEOUT + ": killing pid " + process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            lifeline.dismiss();
        }
    }

    /**
     * Kills the broker's JVM outright (SIGKILL: no controlled shutdown, nothing flushed), as a crash or an
     * orchestrator's hard stop would, and waits until it is gone. {@link #start} on the same directory and ports
     * brings the broker back with its data (Kafka recovers its logs). For fault tests. Idempotent.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warning(() -> "Kafka broker (pid " + process.pid() + ") still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifeline.dismiss();
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with status " + process.exitValue()
                            + " before it was ready; log tail:\n" + logTail());
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                    sleep(100);
                }
            }
            throw new IllegalStateException("Kafka broker did not answer on " + bootstrapServers() + " within "
                    + timeout + " (" + last + "); log tail:\n" + logTail());
        }
    }

    /**
     * Waits until every partition of every topic, the internal ones included, has a leader: after an unclean stop the
     * broker answers metadata requests before it has recovered and taken over all its partitions, and a producer
     * sending to one still without a leader would time out.
     *
     * @param timeout longest wait
     * @throws IllegalStateException when a partition has no leader after {@code timeout}
     */
    public void awaitPartitionLeaders(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            List<String> leaderless = List.of();
            while (Instant.now().isBefore(deadline)) {
                try {
                    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                            .names()
                            .get(10, TimeUnit.SECONDS);
                    leaderless = new ArrayList<>();
                    for (TopicDescription topic : admin.describeTopics(topics)
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .values()) {
                        for (TopicPartitionInfo partition : topic.partitions()) {
                            if (partition.leader() == null || partition.leader().isEmpty()) {
                                leaderless.add(topic.name() + "-" + partition.partition());
                            }
                        }
                    }
                    if (leaderless.isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    leaderless = List.of("(" + e + ")");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for partition leaders", e);
                }
                sleep(200);
            }
            throw new IllegalStateException(
                    "partitions without a leader on " + bootstrapServers() + " after " + timeout + ": " + leaderless);
        }
    }

    private String logTail() {
        StringBuilder tail = new StringBuilder();
        for (String name : List.of("console.log", "server.log")) {
            Path file = directory.resolve("logs").resolve(name);
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    tail.append("--- ").append(file).append('\n');
                    lines.subList(Math.max(0, lines.size() - 30), lines.size())
                            .forEach(line -> tail.append(line).append('\n'));
                }
            } catch (IOException | UncheckedIOException e) {
                tail.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return tail.toString();
    }

    private static Path writeServerProperties(Path directory, int port, int controllerPort) throws IOException {
        Path data = directory.resolve("data").toAbsolutePath();
        Files.createDirectories(data);
        String properties = """
                # Written by fmnist-platform at every start; edits are overwritten.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s

                # The platform creates every contract topic itself; auto-creation would hide typos and adds delays.
                auto.create.topics.enable=false
                num.partitions=1
                default.replication.factor=1

                # A single node: internal topics cannot be replicated.
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1

                # Fast consumer-group joins for a local, single-user broker.
                group.initial.rebalance.delay.ms=0

                # Small footprint on a laptop.
                num.network.threads=2
                num.io.threads=4
                num.recovery.threads.per.data.dir=1
                log.cleaner.dedupe.buffer.size=16777216
                log.retention.hours=168
                """.formatted(port, controllerPort, data.toString().replace("\\", "/"));
        Path file = directory.resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeLog4jConfig(Path directory) throws IOException {
        Path logs = directory.resolve("logs").toAbsolutePath();
        String config = """
                # Written by fmnist-platform: the broker logs to files, never to the terminal.
                status = warn
                appender.server.type = RollingFile
                appender.server.name = server
                appender.server.fileName = %1$s/server.log
                appender.server.filePattern = %1$s/server.log.%%i
                appender.server.layout.type = PatternLayout
                appender.server.layout.pattern = [%%d] %%p %%m (%%c)%%n
                appender.server.policies.type = Policies
                appender.server.policies.size.type = SizeBasedTriggeringPolicy
                appender.server.policies.size.size = 20MB
                appender.server.strategy.type = DefaultRolloverStrategy
                appender.server.strategy.max = 3
                rootLogger.level = INFO
                rootLogger.appenderRef.server.ref = server
                logger.kafka.name = kafka
                logger.kafka.level = INFO
                logger.apache.name = org.apache.kafka
                logger.apache.level = INFO
                logger.request.name = kafka.request.logger
                logger.request.level = WARN
                """.formatted(logs.toString().replace("\\", "/"));
        Path file = directory.resolve("log4j2.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    /** The cluster id is chosen once per data directory and kept, so a restart reuses the formatted storage. */
    private static String clusterId(Path directory) throws IOException {
        Path file = directory.resolve("cluster.id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    /**
     * Copies {@link BrokerLauncher}'s class file next to the broker data, so the broker JVM can run it whatever
     * class loader or jar this class came from.
     */
    private static Path installLauncher(Path directory) throws IOException {
        Path root = directory.resolve("launcher").toAbsolutePath();
        String resource = LAUNCHER.replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = resourceStream(resource)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return root;
    }

    /** @return the broker's runtime classpath, as resolved by the build */
    static String brokerClasspath() throws IOException {
        String classpath;
        try (InputStream in = resourceStream(CLASSPATH_RESOURCE)) {
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<String> missing = new ArrayList<>();
        for (String entry : classpath.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
            if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                missing.add(entry);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the Kafka broker's classpath names missing files " + missing
                    + "; rebuild the platform module (./mvnw -pl platform install) to resolve them again");
        }
        return classpath;
    }

    private static InputStream resourceStream(String resource) throws IOException {
        ClassLoader loader = KafkaBroker.class.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(
                    "resource " + resource + " is missing from fmnist-platform; rebuild the platform module");
        }
        return in;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + process.pid() + ", " + directory + "]";
    }
}
