package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.json.JsonCodec;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evaluation.alert} (every alert raised or cleared, as its contract JSON) and {@code evaluation.alert_state}
 * (the state of each (type, model) condition, shared by the replicas). A transition changes the state row with one
 * conditional statement and stores the alert in the same transaction: of several replicas finding the same condition
 * at once, exactly one sees its statement change the row, and only that one stores and sends the alert.
 */
@Singleton
@Transactional
public class JdbcAlertStore {

    private final DataSource dataSource;

    public JdbcAlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Raises or clears the alert's (type, model) condition and stores the alert, if the condition is not in that state
     * already: RAISED when never raised or cleared, CLEARED only when raised.
     *
     * @return whether the state changed (and the alert was stored)
     */
    public boolean transition(Alert alert) {
        String sql = Alert.RAISED.equals(alert.state()) ? """
                  INSERT INTO evaluation.alert_state (type, model_id, state, alert_id, changed_at)
                  VALUES (?, ?, 'RAISED', ?, ?)
                  ON CONFLICT (type, model_id) DO UPDATE SET state = 'RAISED', alert_id = EXCLUDED.alert_id,
                      changed_at = EXCLUDED.changed_at
                  WHERE evaluation.alert_state.state <> 'RAISED'
                  RETURNING alert_id""" : """
                  UPDATE evaluation.alert_state SET state = 'CLEARED', alert_id = ?, changed_at = ?
                  WHERE type = ? AND model_id = ? AND state = 'RAISED'
                  RETURNING alert_id""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement change = connection.prepareStatement(sql)) {
            Timestamp at = Timestamp.from(timestamp(alert));
            if (Alert.RAISED.equals(alert.state())) {
                change.setString(1, alert.type());
                change.setString(2, alert.modelId());
                change.setString(3, alert.id());
                change.setTimestamp(4, at);
            } else {
                change.setString(1, alert.id());
                change.setTimestamp(2, at);
                change.setString(3, alert.type());
                change.setString(4, alert.modelId());
            }
            try (ResultSet changed = change.executeQuery()) {
                if (!changed.next()) {
                    return false;
                }
            }
            insert(connection, alert);
            return true;
        } catch (SQLException e) {
            throw new PersistenceException("could not change the " + alert.type() + " state of " + alert.modelId(), e);
        }
    }

    /** Stores an alert that needs no state (a verdict reached once). */
    public void save(Alert alert) {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, alert);
        } catch (SQLException e) {
            throw new PersistenceException("could not store the " + alert.type() + " alert of " + alert.modelId(), e);
        }
    }

    /**
     * @param limit how many of the newest alerts
     * @return the newest {@code limit} alerts, newest first
     */
    public List<Alert> latest(int limit) {
        List<Alert> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT alert::text FROM evaluation.alert ORDER BY seq DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    alerts.add(JsonCodec.fromJson(rows.getString(1), Alert.class));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the alerts", e);
        }
        return alerts;
    }

    private static void insert(Connection connection, Alert alert) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO evaluation.alert (id, type, state, model_id, raised_at, alert)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (id) DO NOTHING""")) {
            insert.setString(1, alert.id());
            insert.setString(2, alert.type());
            insert.setString(3, alert.state());
            insert.setString(4, alert.modelId());
            insert.setTimestamp(5, Timestamp.from(timestamp(alert)));
            insert.setString(6, JsonCodec.toJson(alert));
            insert.executeUpdate();
        }
    }

    private static Instant timestamp(Alert alert) {
        return alert.timestamp() == null ? Instant.now() : alert.timestamp();
    }
}
