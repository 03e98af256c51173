package dev.fmnist.cli.launch;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stops the services even when the CLI's JVM is killed outright (SIGKILL, where no shutdown hook runs): a small
 * {@code sh} waits on a pipe whose other end only this JVM holds. When the JVM goes, the pipe closes, {@code read}
 * returns, and the watchdog sends SIGTERM to the services, then SIGKILL to what is left. On a normal stop the
 * watchdog is simply killed first ({@code read} is a shell builtin, so it has no child of its own).
 */
final class OrphanWatchdog {

    private final Process shell;

    private OrphanWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * @param pids         processes to stop when this JVM goes away
     * @param graceSeconds time between SIGTERM and SIGKILL
     * @return the running watchdog, or {@code null} where no {@code sh} can be started
     */
    static OrphanWatchdog watch(Collection<Long> pids, long graceSeconds) {
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
        String script = "read -r _ ; kill -TERM " + list + " 2>/dev/null; sleep " + graceSeconds + "; kill -KILL "
                + list + " 2>/dev/null; exit 0";
        try {
            Process shell = new ProcessBuilder(List.of("sh", "-c", script))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new OrphanWatchdog(shell);
        } catch (IOException e) {
            return null;
        }
    }

    /** The services were stopped normally: the watchdog goes without doing anything. */
    void dismiss() {
        shell.destroyForcibly();
        try {
            shell.getOutputStream().close();
        } catch (IOException ignored) {
            // the shell is gone already
        }
    }

    /** @return the watchdog's process id */
    long pid() {
        return shell.pid();
    }
}
