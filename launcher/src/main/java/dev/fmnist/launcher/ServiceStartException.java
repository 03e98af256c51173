package dev.fmnist.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * A service did not come up: it exited, or did not answer {@code /q/health/ready} in time. The message names the
 * service, says why, and ends with the tail of its log.
 */
public final class ServiceStartException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient PipelineService service;
    private final transient Path log;
    private final transient List<String> logTail;

    /**
     * @param service the service that failed
     * @param reason  why (e.g. {@code exited with status 1})
     * @param log     its log file
     * @param logTail the last lines of its log
     */
    public ServiceStartException(PipelineService service, String reason, Path log, List<String> logTail) {
        super(message(service, reason, log, logTail));
        this.service = service;
        this.log = log;
        this.logTail = List.copyOf(logTail);
    }

    /** @return the service that failed */
    public PipelineService service() {
        return service;
    }

    /** @return its log file */
    public Path log() {
        return log;
    }

    /** @return the last lines of its log */
    public List<String> logTail() {
        return logTail;
    }

    private static String message(PipelineService service, String reason, Path log, List<String> tail) {
        StringBuilder message = new StringBuilder(service.moduleName())
                .append(" did not come up: ")
                .append(reason)
                .append(" (log: ")
                .append(log)
                .append(")");
        if (tail.isEmpty()) {
            message.append("; its log is empty");
        } else {
            message.append("; last lines of its log:");
            for (String line : tail) {
                message.append(System.lineSeparator()).append("  | ").append(line);
            }
        }
        return message.toString();
    }
}
