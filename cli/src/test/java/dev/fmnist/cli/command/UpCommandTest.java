package dev.fmnist.cli.command;

import dev.fmnist.cli.CliRun;
import dev.fmnist.cli.FmnistCli;
import dev.fmnist.platform.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code fmnist up} in its own JVM, stopped like Ctrl-C does (SIGINT). */
class UpCommandTest {

    private Path dataDirectory;
    private Process up;

    @AfterEach
    void cleanUp() throws IOException {
        if (up != null && up.isAlive()) {
            up.destroyForcibly();
        }
        if (dataDirectory != null) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> processesUsing(dataDirectory).isEmpty());
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void upServesKafkaAndPostgresUntilInterruptedAndThenLeavesNoProcess() throws Exception {
        dataDirectory = Files.createTempDirectory("fmnist-up-test-");
        int[] ports = FreePorts.pick(3);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        up = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        FmnistCli.class.getName(),
                        "up",
                        "--kafka-port",
                        Integer.toString(ports[0]),
                        "--controller-port",
                        Integer.toString(ports[1]),
                        "--postgres-port",
                        Integer.toString(ports[2]),
                        "--data-dir",
                        dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && !line.equals(UpCommand.READY_LINE)) {
            printed.append(line).append('\n');
        }
        assertThat(line).as("output before exit:\n" + printed).isEqualTo(UpCommand.READY_LINE);
        assertThat(printed.toString())
                .contains("kcat -b localhost:" + ports[0] + " -L")
                .contains("PGPASSWORD=fmnist psql -h localhost -p " + ports[2] + " -U fmnist -d fmnist")
                .containsPattern("fmnist\\.predictions\\s+4\\s+forever");

        CliRun status = CliRun.of(
                "status",
                "--bootstrap-servers",
                "localhost:" + ports[0],
                "--db-url",
                "jdbc:postgresql://localhost:" + ports[2] + "/fmnist");
        assertThat(status.status()).as(status.out()).isZero();
        assertThat(processesUsing(dataDirectory)).as("broker JVM and postgres").hasSizeGreaterThanOrEqualTo(2);

        new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start().waitFor();

        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up stops after SIGINT").isTrue();
        String rest = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).contains("Stopping Kafka and PostgreSQL", "Stopped.");
        assertThat(processesUsing(dataDirectory)).isEmpty();
        assertThat(FreePorts.isListening(ports[0])).isFalse();
        assertThat(FreePorts.isListening(ports[2])).isFalse();
    }

    @Test
    void aTakenPortIsRefusedWithAClearErrorAndNothingIsStarted() throws Exception {
        dataDirectory = Files.createTempDirectory("fmnist-up-busy-");
        int[] ports = FreePorts.pick(2);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of(
                    "up",
                    "--kafka-port",
                    Integer.toString(busy.getLocalPort()),
                    "--controller-port",
                    Integer.toString(ports[0]),
                    "--postgres-port",
                    Integer.toString(ports[1]),
                    "--data-dir",
                    dataDirectory.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err())
                    .contains("error: ports already in use on localhost: Kafka " + busy.getLocalPort())
                    .contains("is the platform running already?");
        }
        assertThat(processesUsing(dataDirectory)).isEmpty();
    }

    private static List<String> processesUsing(Path directory) {
        String needle = directory.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(needle) && !cmd.contains(" up --kafka-port"))
                .toList();
    }
}
