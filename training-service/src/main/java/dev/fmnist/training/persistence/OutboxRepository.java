package dev.fmnist.training.persistence;

import dev.fmnist.contracts.ModelEvent;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox of {@code fmnist.models} ({@code training.model_event_outbox}): the registry appends
 * the events of a status change in the transaction of the change; the relay reads them in id order and deletes each
 * one after Kafka acknowledged it.
 */
@ApplicationScoped
public class OutboxRepository {

    /** Held by writers until their transaction ends, so outbox ids follow commit order. */
    private static final String WRITE_LOCK = "training.model_event_outbox";
    /** Held by the one relay (of all instances) that publishes, until its batch transaction ends. */
    private static final String RELAY_LOCK = "training.model_event_outbox.relay";

    private final DataSource dataSource;

    public OutboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Appends {@code events}, in order, inside the caller's transaction {@code c}. */
    public void append(Connection c, List<ModelEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, WRITE_LOCK);
            lock.execute();
        }
        try (PreparedStatement s = c.prepareStatement(
                "insert into training.model_event_outbox " + "(model_id, status, payload) values (?, ?, ?::jsonb)")) {
            for (ModelEvent event : events) {
                s.setString(1, event.modelId());
                s.setString(2, event.status().name());
                s.setString(3, Jdbc.json(event));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Tries to become the relay for the rest of transaction {@code c}.
     *
     * @return false when another relay (of this or another instance) holds the lock
     */
    public boolean tryRelayLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext(?))")) {
            s.setString(1, RELAY_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** @return up to {@code limit} unpublished events, oldest first */
    public List<Entry> pending(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select id, payload, attempts from training.model_event_outbox " + "order by id limit ?")) {
            s.setInt(1, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(
                            new Entry(rs.getLong(1), Jdbc.fromJson(rs.getString(2), ModelEvent.class), rs.getInt(3)));
                }
            }
            return entries;
        }
    }

    /** Removes a published event. */
    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from training.model_event_outbox where id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /** Records a failed attempt to publish an event. */
    public void failed(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update training.model_event_outbox " + "set attempts = attempts + 1, last_error = ? where id = ?")) {
            s.setString(1, error);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    /** @return unpublished events */
    public long pendingCount() {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from training.model_event_outbox");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * An unpublished event.
     *
     * @param id       position in the outbox (publication order)
     * @param event    the event
     * @param attempts failed attempts so far
     */
    public record Entry(long id, ModelEvent event, int attempts) {}
}
