package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Evaluation;
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
import java.util.Collections;
import java.util.List;

/** The history of emitted Evaluation snapshots, each stored as its contract JSON. */
@Singleton
@Transactional
public class SnapshotRepository {

    private final DataSource dataSource;

    public SnapshotRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores one emitted snapshot. */
    public void save(Evaluation evaluation) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO evaluation.snapshot (model_id, images, accuracy, macro_f1, emitted_at, evaluation)"
                                + " VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            insert.setString(1, evaluation.modelId());
            insert.setLong(2, evaluation.count());
            insert.setDouble(3, evaluation.accuracy());
            insert.setDouble(4, evaluation.macroF1());
            insert.setTimestamp(
                    5, Timestamp.from(evaluation.timestamp() == null ? Instant.now() : evaluation.timestamp()));
            insert.setString(6, JsonCodec.toJson(evaluation));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not store the evaluation of " + evaluation.modelId(), e);
        }
    }

    /**
     * Deletes all but each model's newest {@code keep} snapshots.
     *
     * @return snapshots deleted
     */
    public int prune(int keep) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("""
                     DELETE FROM evaluation.snapshot s USING (
                         SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY model_id ORDER BY id DESC) AS rank
                                         FROM evaluation.snapshot) ranked
                         WHERE rank > ?) old
                     WHERE s.id = old.id""")) {
            delete.setInt(1, keep);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not prune the snapshot history", e);
        }
    }

    /**
     * @param modelId a model id
     * @param limit   how many of the newest snapshots to return
     * @return the model's newest {@code limit} snapshots, oldest first
     */
    public List<Evaluation> history(String modelId, int limit) {
        List<Evaluation> history = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT evaluation::text FROM evaluation.snapshot WHERE model_id = ? ORDER BY id DESC LIMIT ?")) {
            select.setString(1, modelId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    history.add(JsonCodec.fromJson(rows.getString(1), Evaluation.class));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the history of " + modelId, e);
        }
        Collections.reverse(history);
        return history;
    }
}
