package dev.fmnist.kit;

import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells an outage of a dependency (PostgreSQL, Kafka, another service over HTTP) — worth waiting for and retrying —
 * from a failure of the work itself, which retrying cannot cure. Walks the whole cause chain. An acknowledgement that
 * did not come in time (a {@code TimeoutException}) counts as an outage of whatever was to acknowledge it.
 */
public final class Outages {

    /**
     * PostgreSQL SQLSTATEs that mean "the server is (temporarily) not there or not taking work": connection
     * exceptions (class 08), admin/crash shutdown and cannot-connect-now (57P01–57P03), too many connections (53300),
     * serialization failure and deadlock (40001, 40P01: the transaction may simply be retried).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    private Outages() {}

    /** @return whether {@code failure} (or any of its causes) says a dependency is unavailable for now */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof DependencyUnavailableException
                    || cause instanceof RetriableException
                    || cause instanceof org.apache.kafka.common.errors.DisconnectException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof HttpTimeoutException
                    || cause instanceof SocketException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    /** @return which dependency an outage is of: {@code postgresql}, {@code kafka}, or {@code dependency} */
    public static String dependencyOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SQLException) {
                return "postgresql";
            }
            if (cause instanceof org.apache.kafka.common.KafkaException) {
                return "kafka";
            }
            if (cause instanceof DependencyUnavailableException unavailable) {
                return unavailable.dependency();
            }
        }
        return "dependency";
    }

    private static boolean isTransient(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
            return true;
        }
        // Agroal's pool: no connection could be had in time (the server is down or every connection is broken).
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
        return state == null && (message.contains("acquisition timeout") || message.contains("unable to acquire"));
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getNextException() != null && sql.getCause() == null) {
            return sql.getNextException();
        }
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }
}
