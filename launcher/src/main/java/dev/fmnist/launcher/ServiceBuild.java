package dev.fmnist.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Step 1 of the demo: packages the services with the Maven wrapper when a {@code quarkus-run.jar} is missing. */
public final class ServiceBuild {

    private ServiceBuild() {}

    /**
     * @param projectDirectory repository root
     * @return the Maven command that packages the four services and the modules they need (not the CLI, which runs)
     */
    public static List<String> command(Path projectDirectory) {
        List<String> modules = new ArrayList<>();
        for (PipelineService service : PipelineService.values()) {
            modules.add(service.moduleName());
        }
        return List.of(
                projectDirectory.resolve("mvnw").toString(),
                "-B",
                "-q",
                "package",
                "-DskipTests",
                "-pl",
                String.join(",", modules),
                "-am");
    }

    /**
     * Runs the build, its output to {@code log}.
     *
     * @param projectDirectory repository root
     * @param log              where Maven's output goes
     * @throws IllegalStateException when the build fails (with the tail of its output)
     */
    public static void run(Path projectDirectory, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process maven = new ProcessBuilder(command(projectDirectory))
                    .directory(projectDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            maven.getOutputStream().close();
            int status = maven.waitFor();
            if (status != 0 || !ServiceLauncher.missingJars(projectDirectory).isEmpty()) {
                throw new IllegalStateException("the build failed (status " + status + "; log " + log + "):"
                        + System.lineSeparator()
                        + String.join(
                                System.lineSeparator(),
                                ServiceProcess.tail(log, 30).stream()
                                        .map(l -> "  | " + l)
                                        .toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Maven wrapper in " + projectDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        }
    }
}
