package dev.fmnist.evaluation.leadership;

import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL session advisory lock, held on a connection of its own: {@code pg_try_advisory_lock(key)} never waits,
 * so a replica that does not get it simply tries again at its next {@link #refresh()}. The lock belongs to the
 * session: it is released when the connection closes, whether the process stopped, was killed ({@code kill -9}: the
 * server sees the socket close) or lost the database — so at most one replica holds it, and another takes it at its
 * next try once the holder is gone. The holder checks its connection at every refresh and gives the role up when the
 * connection is gone. Thread-safe.
 */
public final class AdvisoryLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdvisoryLock.class);
    private static final int VALIDATION_SECONDS = 2;

    /** Opens the lock's own connection. */
    @FunctionalInterface
    public interface Connections {
        /** @return a new connection, not from a pool */
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final long key;
    private Connection connection;
    private volatile boolean held;
    private volatile long term;

    /**
     * @param connections where the lock's connection comes from
     * @param key         the advisory lock's key, the same on every replica
     */
    public AdvisoryLock(Connections connections, long key) {
        this.connections = connections;
        this.key = key;
    }

    /**
     * Holder: checks that its connection (and so the lock) is still there. Others: try to take the lock, once.
     *
     * @return whether this replica holds the lock now
     */
    public synchronized boolean refresh() {
        if (held) {
            if (alive()) {
                return true;
            }
            held = false;
            closeConnection();
            LOG.warnf("Lost the emitter's advisory lock %d with its connection; trying to take it again", key);
        }
        try {
            if (connection == null || !alive()) {
                closeConnection();
                connection = connections.open();
            }
            try (PreparedStatement take = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                take.setLong(1, key);
                try (ResultSet row = take.executeQuery()) {
                    held = row.next() && row.getBoolean(1);
                }
            }
            if (held) {
                term++;
                LOG.infof("This replica is the evaluation emitter now (advisory lock %d, term %d)", key, term);
            }
        } catch (SQLException e) {
            held = false;
            closeConnection();
            LOG.debugf("Could not try the emitter's advisory lock %d: %s", key, e.getMessage());
        }
        return held;
    }

    /** @return whether this replica held the lock at its last refresh */
    public boolean isLeader() {
        return held;
    }

    /** @return how many times this replica took the lock: a new term means it just (re)became the holder */
    public long term() {
        return term;
    }

    /** @return the lock's key */
    public long key() {
        return key;
    }

    /** Gives the lock up (closing its connection releases it at once, so another replica takes over at its next try). */
    @Override
    public synchronized void close() {
        held = false;
        closeConnection();
    }

    private boolean alive() {
        try {
            return connection != null && connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the advisory lock's connection: %s", e.getMessage());
            }
            connection = null;
        }
    }
}
