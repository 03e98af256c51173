package dev.fmnist.training.persistence;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Tells a database outage (worth waiting for: the server is down, restarting, unreachable, out of connections,
 * or the transaction lost a race it may win next time) from an error of the data or the code (retrying would only
 * fail again).
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** @return whether {@code error}, or one of its causes, is a database outage */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // the connection pool (Agroal) when no connection can be had in time
            if (message.contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P01..57P03 shutdown or
     * not accepting connections, 40001 serialization failure, 40P01 deadlock.
     */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01"));
    }
}
