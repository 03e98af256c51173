package dev.fmnist.platform;

import java.nio.file.Path;
import java.util.List;

/** Finds the operating-system processes that belong to a platform data directory. */
final class PlatformProcesses {

    private PlatformProcesses() {}

    /** @return command lines of live processes (the broker JVM, postgres) that name {@code dataDirectory} */
    static List<String> using(Path dataDirectory) {
        String needle = dataDirectory.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(needle))
                .toList();
    }
}
