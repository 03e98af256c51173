package dev.fmnist.cli.options;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's root directory, where local runs keep their data ({@code .fmnist/}). */
public final class ProjectDirectory {

    /** Environment variable naming the project directory; the {@code ./fmnist} script sets it. */
    public static final String ENV = "FMNIST_HOME";

    private ProjectDirectory() {}

    /**
     * {@code $FMNIST_HOME} when set, else the nearest directory from the working directory up that holds
     * {@code mvnw} and {@code pom.xml}, else the working directory.
     *
     * @return the project directory
     */
    public static Path resolve() {
        String home = System.getenv(ENV);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path working = Path.of("").toAbsolutePath();
        for (Path dir = working; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return working;
    }
}
