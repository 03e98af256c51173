package dev.fmnist.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running service: its process, port and log file.
 *
 * @param service the service
 * @param port    its HTTP port
 * @param process its JVM
 * @param log     where its standard output and error go
 */
public record ServiceProcess(PipelineService service, int port, Process process, Path log) {

    /** @return {@code http://localhost:<port>} */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Asks the service to stop (SIGTERM: Quarkus shuts down gracefully), waits, then kills it and anything it started.
     *
     * @param grace how long to wait after SIGTERM, in milliseconds
     */
    void stop(long graceMillis) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills the service outright (SIGKILL: no graceful shutdown, nothing flushed or committed), as a crash or an
     * orchestrator's hard stop would, with anything it started, and waits until it is gone.
     */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param lines how many lines
     * @return the last lines of the log (fewer when the log is shorter; empty when there is none)
     */
    public List<String> logTail(int lines) {
        return tail(log, lines);
    }

    /**
     * The last lines of a text file, read from its end (logs can be large).
     *
     * @param file  the file
     * @param lines how many lines
     * @return the lines, oldest first
     */
    public static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file) || lines <= 0) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int chunk = (int) Math.min(length, Math.max(8192, lines * 400L));
            byte[] bytes = new byte[chunk];
            in.seek(length - chunk);
            in.readFully(bytes);
            List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (chunk < length && !all.isEmpty()) {
                all.remove(0); // a partial first line
            }
            while (!all.isEmpty() && all.get(all.size() - 1).isBlank()) {
                all.remove(all.size() - 1);
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
