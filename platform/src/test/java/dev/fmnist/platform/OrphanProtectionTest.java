package dev.fmnist.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A JVM killed with SIGKILL (no shutdown hook runs) still takes its broker and PostgreSQL down with it. */
class OrphanProtectionTest {

    private Path dataDirectory;
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (dataDirectory != null) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> PlatformProcesses.using(dataDirectory).isEmpty());
            FmnistPlatform.deleteRecursively(dataDirectory);
        }
    }

    @Test
    void killingTheOwningJvmStopsKafkaAndPostgres() throws Exception {
        dataDirectory = Files.createTempDirectory("fmnist-orphan-test-");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        PlatformChild.class.getName(),
                        dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        String ready = awaitReady(child);
        assertThat(ready).startsWith("READY ");
        assertThat(PlatformProcesses.using(dataDirectory))
                .as("broker and postgres run")
                .hasSizeGreaterThanOrEqualTo(2);

        child.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> assertThat(PlatformProcesses.using(dataDirectory)).isEmpty());
    }

    private static String awaitReady(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (Exception ignored) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line;
            }
            seen.append(line).append('\n');
        }
        return "child exited before it was ready:\n" + seen;
    }
}
