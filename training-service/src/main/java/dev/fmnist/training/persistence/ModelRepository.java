package dev.fmnist.training.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.training.registry.MetricsSummary;
import dev.fmnist.training.registry.ModelVersion;
import dev.fmnist.training.registry.StatusChange;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Model versions, their files and status history ({@code training.model_version}, {@code model_status_history}). */
@ApplicationScoped
public class ModelRepository {

    private static final String COLUMNS = "model_id, name, version, architecture, hyper_parameters, dataset_id, "
            + "dataset_hash, test_split_hash, job_id, validation_metrics, test_metrics, parameter_count, "
            + "training_seconds, framework, backend, artifact_sha256, artifact_size, status, created_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DataSource dataSource;

    public ModelRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the next version number of {@code name}, holding a lock on the name until the transaction ends */
    public int nextVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "training.model_version:" + name);
            lock.execute();
        }
        try (PreparedStatement s =
                c.prepareStatement("select coalesce(max(version), 0) + 1 from training.model_version where name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Stores a new version with its file and its first history entry. */
    public void insert(Connection c, ModelVersion model, byte[] artifact, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into training.model_version (" + COLUMNS
                + ", artifact, test_accuracy) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?,"
                + " ?, ?, ?, ?, now(), ?, ?)")) {
            s.setString(1, model.modelId());
            s.setString(2, model.name());
            s.setInt(3, model.version());
            s.setString(4, model.architecture());
            s.setString(5, Jdbc.json(model.hyperParameters()));
            s.setString(6, model.datasetId());
            s.setString(7, model.datasetHash());
            s.setString(8, model.testSplitHash());
            s.setString(9, model.jobId());
            s.setString(10, Jdbc.json(model.validation()));
            s.setString(11, Jdbc.json(model.test()));
            s.setLong(12, model.parameterCount());
            s.setDouble(13, model.trainingSeconds());
            s.setString(14, model.framework());
            s.setString(15, model.backend());
            s.setString(16, model.artifactSha256());
            s.setInt(17, model.artifactSize());
            s.setString(18, model.status().name());
            s.setBytes(19, artifact);
            if (model.test() == null) {
                s.setNull(20, Types.DOUBLE);
            } else {
                s.setDouble(20, model.test().accuracy());
            }
            s.executeUpdate();
        }
        history(c, model.modelId(), model.status(), null, reason);
    }

    /** Changes a version's status and appends the change to its history. */
    public void setStatus(Connection c, String modelId, ModelStatus status, ModelStatus previous, String reason)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update training.model_version set status = ?, updated_at = now() where model_id = ?")) {
            s.setString(1, status.name());
            s.setString(2, modelId);
            s.executeUpdate();
        }
        history(c, modelId, status, previous, reason);
    }

    private static void history(Connection c, String modelId, ModelStatus status, ModelStatus previous, String reason)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into training.model_status_history "
                + "(model_id, status, previous_status, reason) values (?, ?, ?, ?)")) {
            s.setString(1, modelId);
            s.setString(2, status.name());
            s.setString(3, previous == null ? null : previous.name());
            s.setString(4, reason);
            s.executeUpdate();
        }
    }

    /** @return the version in PRODUCTION, locked for update */
    public Optional<ModelVersion> production(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select " + COLUMNS + " from training.model_version where status = 'PRODUCTION' for update")) {
            return first(s);
        }
    }

    /** @return the version that was PRODUCTION most recently, other than {@code excluding}, still ARCHIVED */
    public Optional<ModelVersion> previousProduction(Connection c, String excluding) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + prefixed("m.")
                + " from training.model_status_history h join training.model_version m on m.model_id = h.model_id"
                + " where h.status = 'PRODUCTION' and m.model_id <> ? and m.status = 'ARCHIVED'"
                + " order by h.id desc limit 1")) {
            s.setString(1, excluding == null ? "" : excluding);
            return first(s);
        }
    }

    /** @return the version job {@code jobId} registered, if any */
    public Optional<ModelVersion> findByJob(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select " + COLUMNS + " from training.model_version where job_id = ?")) {
            s.setString(1, jobId);
            return first(s);
        }
    }

    /** @return the version job {@code jobId} registered, if any */
    public Optional<ModelVersion> findByJob(String jobId) {
        return Jdbc.run(dataSource, c -> findByJob(c, jobId));
    }

    public Optional<ModelVersion> find(Connection c, String modelId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select " + COLUMNS + " from training.model_version where model_id = ? for update")) {
            s.setString(1, modelId);
            return first(s);
        }
    }

    public Optional<ModelVersion> find(String modelId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("select " + COLUMNS + " from training.model_version where model_id = ?")) {
                s.setString(1, modelId);
                return first(s);
            }
        });
    }

    /** @return all versions, newest first, optionally only those in {@code status} */
    public List<ModelVersion> list(ModelStatus status) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from training.model_version"
                    + (status == null ? "" : " where status = ?") + " order by created_at desc, version desc")) {
                if (status != null) {
                    s.setString(1, status.name());
                }
                List<ModelVersion> all = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(map(rs));
                    }
                }
                return all;
            }
        });
    }

    /** @return the model file of a version */
    public Optional<byte[]> artifact(String modelId) {
        return Jdbc.run(dataSource, c -> artifact(c, modelId));
    }

    public Optional<byte[]> artifact(Connection c, String modelId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select artifact from training.model_version where model_id = ?")) {
            s.setString(1, modelId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** @return the status changes of a version, oldest first */
    public List<StatusChange> history(String modelId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select status, previous_status, reason, changed_at "
                    + "from training.model_status_history where model_id = ? order by id")) {
                s.setString(1, modelId);
                List<StatusChange> changes = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String previous = rs.getString(2);
                        changes.add(new StatusChange(
                                ModelStatus.valueOf(rs.getString(1)),
                                previous == null ? null : ModelStatus.valueOf(previous),
                                rs.getString(3),
                                Jdbc.instant(rs.getTimestamp(4))));
                    }
                }
                return changes;
            }
        });
    }

    private static String prefixed(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(", "))
                .map(column -> alias + column)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Optional<ModelVersion> first(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private static ModelVersion map(ResultSet rs) throws SQLException {
        return new ModelVersion(
                rs.getString("model_id"),
                rs.getString("name"),
                rs.getInt("version"),
                rs.getString("architecture"),
                Jdbc.fromJson(rs.getString("hyper_parameters"), MAP),
                rs.getString("dataset_id"),
                rs.getString("dataset_hash"),
                rs.getString("test_split_hash"),
                rs.getString("job_id"),
                Jdbc.fromJson(rs.getString("validation_metrics"), MetricsSummary.class),
                Jdbc.fromJson(rs.getString("test_metrics"), MetricsSummary.class),
                rs.getLong("parameter_count"),
                rs.getDouble("training_seconds"),
                rs.getString("framework"),
                rs.getString("backend"),
                rs.getString("artifact_sha256"),
                rs.getInt("artifact_size"),
                ModelStatus.valueOf(rs.getString("status")),
                Jdbc.instant(rs.getTimestamp("created_at")));
    }
}
