package dev.fmnist.pipeline;

import dev.fmnist.cli.FmnistCli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fmnist} command run as a user runs it: its own JVM ({@code java -cp <this test's class path>
 * dev.fmnist.cli.FmnistCli ...}), with its own environment (e.g. {@code FMNIST_TOKEN}).
 *
 * @param status exit status
 * @param out    standard output
 * @param err    standard error
 */
record CliProcess(int status, String out, String err) {

    /**
     * @param environment more environment variables
     * @param timeout     longest run; then it is killed and the test fails
     * @param args        command-line arguments
     * @return its status and output
     */
    static CliProcess run(Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(FmnistCli.class.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("fmnist-cli-", ".out");
        Path err = Files.createTempFile("fmnist-cli-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("fmnist " + String.join(" ", args) + " did not end within "
                        + timeout.toSeconds() + " s; it printed:\n" + Files.readString(out, StandardCharsets.UTF_8)
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new CliProcess(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
