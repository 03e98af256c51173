package dev.fmnist.training.persistence;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.training.service.Outbox;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The transactional outbox of {@code fmnist.models} ({@code training.model_event_outbox}): the registry appends
 * the events of a status change in the transaction of the change; the relay reads them in id order and deletes each
 * one after Kafka acknowledged it.
 */
@ApplicationScoped
@Transactional
public class OutboxRepository implements Outbox {

    /** Held by writers until their transaction ends, so outbox ids follow commit order. */
    private static final String WRITE_LOCK = "training.model_event_outbox";
    /** Held by the one relay (of all instances) that publishes, until its batch transaction ends. */
    private static final String RELAY_LOCK = "training.model_event_outbox.relay";

    private final DataSource dataSource;

    public OutboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<ModelEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, WRITE_LOCK);
                lock.execute();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into training.model_event_outbox (model_id, status, payload) values (?, ?, ?::jsonb)")) {
                for (ModelEvent event : events) {
                    s.setString(1, event.modelId());
                    s.setString(2, event.status().name());
                    s.setString(3, Jdbc.json(event));
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    /**
     * The pass waits for Kafka's acknowledgements while it holds the relay lock, each up to
     * {@code fmnist.training.outbox.publish-timeout}, so its transaction may last longer than the default timeout.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @TransactionConfiguration(timeout = 3600)
    public <T> T asRelay(Supplier<T> pass) {
        boolean locked = Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext(?))")) {
                s.setString(1, RELAY_LOCK);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
        return locked ? pass.get() : null;
    }

    @Override
    public List<Entry> pending(int limit) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select id, payload, attempts from training.model_event_outbox order by id limit ?")) {
                s.setInt(1, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(
                                rs.getLong(1), Jdbc.fromJson(rs.getString(2), ModelEvent.class), rs.getInt(3)));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void delete(long id) {
        update("delete from training.model_event_outbox where id = ?", id, null);
    }

    @Override
    public void failed(long id, String error) {
        update(
                "update training.model_event_outbox set attempts = attempts + 1, last_error = ? where id = ?",
                id,
                error);
    }

    @Override
    public long pendingCount() {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from training.model_event_outbox");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void update(String sql, long id, String error) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (error != null) {
                    s.setString(i++, error);
                }
                s.setLong(i, id);
                return s.executeUpdate();
            }
        });
    }
}
