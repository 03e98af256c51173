package dev.fmnist.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stops child processes even when this JVM is killed outright (SIGKILL, where no shutdown hook runs): a small
 * {@code sh} waits on a pipe whose other end only this JVM holds. When the JVM goes, the pipe closes, {@code read}
 * returns, and the shell signals the processes it guards, then SIGKILLs what is left after a grace time (when one is
 * given). A process is only signalled while its command line still names the marker, so a process id the system has
 * reused meanwhile is left alone. On a normal stop the owner {@link #dismiss() dismisses} the lifeline first
 * ({@code read} is a shell builtin: the shell has no child of its own).
 *
 * <pre>{@code
 * Lifeline broker = Lifeline.guard("kafka", List.of(process.pid()), "fmnist.kafka.broker=", "TERM", Duration.ZERO);
 * ...
 * broker.dismiss();   // stopped cleanly: nothing to do any more
 * }</pre>
 *
 * Used for the Kafka broker, PostgreSQL and the launched services.
 */
public final class Lifeline {

    private static final String SCRIPT = """
            read -r _
            marker=$1; signal=$2; grace=$3; shift 3
            mine() { [ ! -r /proc/self/cmdline ] || grep -q -- "$marker" "/proc/$1/cmdline" 2>/dev/null; }
            for pid in "$@"; do if mine "$pid"; then kill -"$signal" "$pid" 2>/dev/null; fi; done
            [ "$grace" -gt 0 ] || exit 0
            sleep "$grace"
            for pid in "$@"; do if mine "$pid"; then kill -KILL "$pid" 2>/dev/null; fi; done
            exit 0
            """;

    private final Process shell;

    private Lifeline(Process shell) {
        this.shell = shell;
    }

    /**
     * @param name      what the shell is called in {@code ps} ({@code fmnist-<name>-lifeline})
     * @param pids      the processes to stop when this JVM goes away
     * @param marker    text their command lines hold (checked on Linux, where {@code /proc} tells)
     * @param signal    the first signal: {@code TERM}, or {@code INT} (PostgreSQL's fast shutdown)
     * @param killAfter time between that signal and SIGKILL; zero: no SIGKILL
     * @return the lifeline; one that does nothing where no {@code sh} can be started or no pid is given
     */
    public static Lifeline guard(String name, Collection<Long> pids, String marker, String signal, Duration killAfter) {
        if (pids.isEmpty()) {
            return new Lifeline(null);
        }
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                SCRIPT,
                "fmnist-" + name + "-lifeline",
                marker,
                signal,
                Long.toString(Math.max(0, (killAfter.toMillis() + 999) / 1000))));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            return new Lifeline(new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
        } catch (IOException e) {
            return new Lifeline(null);
        }
    }

    /** The processes were stopped normally: the lifeline goes without doing anything. Idempotent. */
    public void dismiss() {
        if (shell == null) {
            return;
        }
        shell.destroyForcibly();
        try {
            shell.getOutputStream().close();
            shell.waitFor();
        } catch (IOException ignored) {
            // the shell is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the pipe as this JVM's exit would: the shell acts now (for tests). */
    void cut() {
        if (shell != null) {
            try {
                shell.getOutputStream().close();
            } catch (IOException ignored) {
                // the shell is gone already
            }
        }
    }

    /** @return the shell's process id, or -1 when there is none */
    public long pid() {
        return shell == null ? -1 : shell.pid();
    }
}
