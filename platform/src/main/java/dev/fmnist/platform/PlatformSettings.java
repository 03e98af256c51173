package dev.fmnist.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where and how the platform runs.
 *
 * @param dataDirectory        root of the platform's files: {@code kafka/}, {@code postgres/}, {@code logs/}
 * @param kafkaPort            Kafka client port on localhost
 * @param kafkaControllerPort  KRaft controller port on localhost
 * @param postgresPort         PostgreSQL port on localhost
 * @param durable              keep data safe across crashes and restarts (local runs); {@code false} for tests,
 *                             which also delete the data directory on stop
 * @param brokerJvmOptions     options of the broker's JVM
 * @param startTimeout         how long each server may take to answer
 * @param logArchive           where a non-durable platform copies its logs before deleting its data
 *                             ({@code null}: nowhere)
 */
public record PlatformSettings(
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        boolean durable,
        List<String> brokerJvmOptions,
        Duration startTimeout,
        Path logArchive) {

    /** The contract's Kafka port. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** The KRaft controller port of a local run (not part of the contract). */
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    /** The contract's PostgreSQL port. */
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    /** Name of the project-local directory holding a local run's data. */
    public static final String LOCAL_DIRECTORY = ".fmnist";

    /** Broker JVM options of a local run: a modest heap, full JIT for the demo's volumes. */
    public static final List<String> DEFAULT_BROKER_JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx1g", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8");

    /** Broker JVM options in tests: a small heap and the quick-starting C1 compiler only (tests move little data). */
    public static final List<String> TEST_BROKER_JVM_OPTIONS = List.of(
            "-Xms64m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8");

    public PlatformSettings {
        if (dataDirectory == null) {
            throw new IllegalArgumentException("dataDirectory is required");
        }
        brokerJvmOptions = List.copyOf(brokerJvmOptions);
    }

    /**
     * A local run: the contract ports and data under {@code <projectDirectory>/.fmnist/platform}, kept between runs.
     *
     * @param projectDirectory the repository root
     * @return settings of a local run
     */
    public static PlatformSettings local(Path projectDirectory) {
        return new PlatformSettings(
                projectDirectory.resolve(LOCAL_DIRECTORY).resolve("platform"),
                DEFAULT_KAFKA_PORT,
                DEFAULT_CONTROLLER_PORT,
                DEFAULT_POSTGRES_PORT,
                true,
                DEFAULT_BROKER_JVM_OPTIONS,
                Duration.ofSeconds(90),
                null);
    }

    /**
     * A throw-away platform for tests: random free ports and a fresh temporary directory, deleted on stop. When the
     * working directory has a {@code target/} folder (a Maven module's tests), the broker and PostgreSQL logs are
     * copied to {@code target/fmnist-platform-logs/} on stop, for post-mortems.
     *
     * @return settings of a test run
     */
    public static PlatformSettings forTests() {
        try {
            int[] ports = FreePorts.pick(3);
            Path target = Path.of("target");
            Path archive = Files.isDirectory(target)
                    ? target.resolve("fmnist-platform-logs").toAbsolutePath()
                    : null;
            return new PlatformSettings(
                    Files.createTempDirectory("fmnist-platform-"),
                    ports[0],
                    ports[1],
                    ports[2],
                    false,
                    TEST_BROKER_JVM_OPTIONS,
                    Duration.ofSeconds(120),
                    archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test platform", e);
        }
    }

    /** @return the same settings with other ports */
    public PlatformSettings withPorts(int kafka, int controller, int postgres) {
        return new PlatformSettings(
                dataDirectory, kafka, controller, postgres, durable, brokerJvmOptions, startTimeout, logArchive);
    }

    /** @return the same settings with another data directory */
    public PlatformSettings withDataDirectory(Path directory) {
        return new PlatformSettings(
                directory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                durable,
                brokerJvmOptions,
                startTimeout,
                logArchive);
    }

    /** @return the same settings, durable or not */
    public PlatformSettings withDurable(boolean keep) {
        return new PlatformSettings(
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                keep,
                brokerJvmOptions,
                startTimeout,
                logArchive);
    }

    /** @return the same settings with other broker JVM options */
    public PlatformSettings withBrokerJvmOptions(List<String> options) {
        return new PlatformSettings(
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                durable,
                options,
                startTimeout,
                logArchive);
    }

    /** @return the directory of the platform's log files */
    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }
}
