package dev.fmnist.cli.command;

import dev.fmnist.cli.console.Table;
import dev.fmnist.cli.options.ProjectDirectory;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.platform.PlatformSettings;
import dev.fmnist.platform.kafka.ContractTopics;
import dev.fmnist.platform.kafka.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fmnist up}: Kafka and PostgreSQL in the foreground, on the contract ports, until Ctrl-C. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        header = "Start Kafka and PostgreSQL in the foreground (Ctrl-C stops them).",
        description = "Starts the infrastructure alone: a real Kafka broker (KRaft mode, its own JVM) with every "
                + "contract topic, and a real PostgreSQL with database fmnist (user fmnist, password fmnist), on "
                + "the contract ports. Prints how to connect, then runs until Ctrl-C, which stops both and leaves no "
                + "process behind. Data is kept under .fmnist/platform and survives a restart.")
public final class UpCommand implements Callable<Integer> {

    /** Printed once the platform answers; tests and scripts wait for it. */
    public static final String READY_LINE = "Press Ctrl-C to stop.";

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--controller-port",
            defaultValue = "9093",
            description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(
            names = "--postgres-port",
            defaultValue = "5432",
            description = "PostgreSQL port (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where Kafka and PostgreSQL keep their data (default: <project>/.fmnist/platform).")
    Path dataDirectory;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PlatformSettings settings =
                PlatformSettings.local(ProjectDirectory.resolve()).withPorts(kafkaPort, controllerPort, postgresPort);
        if (dataDirectory != null) {
            settings = settings.withDataDirectory(dataDirectory.toAbsolutePath());
        }
        out.println("Starting Kafka and PostgreSQL (data in " + settings.dataDirectory() + ") ...");
        out.flush();
        long started = System.nanoTime();
        FmnistPlatform platform = FmnistPlatform.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println();
                            out.println("Stopping Kafka and PostgreSQL ...");
                            out.flush();
                            platform.stop();
                            out.println("Stopped.");
                            out.flush();
                            stopped.countDown();
                        },
                        "fmnist-up-shutdown"));
        printConnectionHelp(out, platform, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    private static void printConnectionHelp(PrintWriter out, FmnistPlatform platform, long millis) {
        String kafka = platform.bootstrapServers();
        int pgPort = platform.postgresPort();
        out.printf("%nfmnist platform is up (%.1f s).%n%n", millis / 1000.0);
        out.println("  Kafka       " + kafka + "   (KAFKA_BOOTSTRAP_SERVERS)");
        out.println("  PostgreSQL  " + platform.jdbcUrl() + "   user " + platform.username() + ", password "
                + platform.password());
        out.println("  Data        " + platform.dataDirectory());
        out.println("  Logs        " + platform.dataDirectory().resolve("kafka/logs/server.log") + ", "
                + platform.logDirectory().resolve("postgres.log"));
        out.println();
        Table topics = new Table("topic", "partitions", "retention");
        for (TopicSpec spec : ContractTopics.ALL) {
            topics.row(
                    spec.name(),
                    spec.partitions(),
                    spec.keptForever() ? "forever" : spec.retention().toDays() + " days");
        }
        topics.print(out, 2);
        out.println();
        out.println("Connect:");
        out.println("  kcat -b " + kafka + " -L");
        out.println("  kcat -b " + kafka + " -C -t fmnist.predictions -o beginning");
        out.println("  PGPASSWORD=" + platform.password() + " psql -h localhost -p " + pgPort + " -U "
                + platform.username() + " -d fmnist");
        out.println();
        out.println(READY_LINE);
        out.flush();
    }
}
