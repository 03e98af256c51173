package dev.fmnist.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository this module lives in, and the Kustomize builds under its deploy/ folder. */
public final class Repo {

    private Repo() {}

    /** @return the repository root: the first folder holding {@code mvnw}, walking up from the working directory */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("no folder holding mvnw above " + dir);
    }

    /** @return deploy/ of the repository */
    public static Path deploy() {
        return root().resolve("deploy");
    }

    /** @return every folder under deploy/ that holds a kustomization.yaml, relative to deploy/, sorted */
    public static List<String> builds() {
        try (Stream<Path> files = Files.walk(deploy())) {
            return files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .map(p -> deploy().relativize(p.getParent()).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the command answers on this machine's PATH */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
