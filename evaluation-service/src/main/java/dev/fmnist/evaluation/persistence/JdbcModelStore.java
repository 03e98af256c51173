package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.service.ModelStore;
import dev.fmnist.evaluation.service.RegisteredModel;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evaluation.registered_model}: one row per model, the newest event wins (by its timestamp). The reference
 * profile is kept as its contract JSON; an event without one keeps the one stored.
 */
@Singleton
@Transactional
public class JdbcModelStore implements ModelStore {

    private final DataSource dataSource;

    public JdbcModelStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void upsert(RegisteredModel model) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO evaluation.registered_model
                         (model_id, name, version, architecture, status, test_accuracy, status_changed_at,
                          reference)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                     ON CONFLICT (model_id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version,
                         architecture = EXCLUDED.architecture, status = EXCLUDED.status,
                         test_accuracy = EXCLUDED.test_accuracy, status_changed_at = EXCLUDED.status_changed_at,
                         reference = coalesce(EXCLUDED.reference, evaluation.registered_model.reference),
                         updated_at = now()
                     WHERE evaluation.registered_model.status_changed_at <= EXCLUDED.status_changed_at""")) {
            upsert.setString(1, model.modelId());
            upsert.setString(2, model.name());
            upsert.setInt(3, model.version());
            upsert.setString(4, model.architecture());
            upsert.setString(5, model.status().name());
            if (model.testAccuracy() == null) {
                upsert.setNull(6, Types.DOUBLE);
            } else {
                upsert.setDouble(6, model.testAccuracy());
            }
            upsert.setTimestamp(7, Timestamp.from(model.statusChangedAt()));
            upsert.setString(8, model.reference() == null ? null : JsonCodec.toJson(model.reference()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not store the registry entry of " + model.modelId(), e);
        }
    }

    @Override
    public List<RegisteredModel> loadAll() {
        List<RegisteredModel> models = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                     SELECT model_id, name, version, architecture, status, test_accuracy, status_changed_at,
                         reference::text
                     FROM evaluation.registered_model""");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                double accuracy = rows.getDouble(6);
                boolean noAccuracy = rows.wasNull();
                String reference = rows.getString(8);
                models.add(new RegisteredModel(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getInt(3),
                        rows.getString(4),
                        ModelStatus.valueOf(rows.getString(5)),
                        noAccuracy ? null : accuracy,
                        rows.getTimestamp(7).toInstant(),
                        reference == null ? null : JsonCodec.fromJson(reference, InputProfile.class)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the registry entries", e);
        }
        return models;
    }
}
