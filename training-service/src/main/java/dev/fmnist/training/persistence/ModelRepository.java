package dev.fmnist.training.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.training.MetricsSummary;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.StatusChange;
import dev.fmnist.training.service.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Model versions, their files and status history ({@code training.model_version}, {@code model_status_history}). */
@ApplicationScoped
@Transactional
public class ModelRepository implements ModelStore {

    private static final String COLUMNS = "model_id, name, version, architecture, hyper_parameters, dataset_id, "
            + "dataset_hash, test_split_hash, job_id, validation_metrics, test_metrics, parameter_count, "
            + "training_seconds, framework, backend, artifact_sha256, artifact_size, status, created_at, reference";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DataSource dataSource;

    public ModelRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int nextVersion(String name) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "training.model_version:" + name);
                lock.execute();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "select coalesce(max(version), 0) + 1 from training.model_version where name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public void insert(ModelVersion model, byte[] artifact, String reason) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("insert into training.model_version (" + COLUMNS
                    + ", artifact, test_accuracy) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?,"
                    + " ?, ?, ?, ?, ?, now(), ?::jsonb, ?, ?)")) {
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
                s.setString(19, Jdbc.json(model.reference()));
                s.setBytes(20, artifact);
                if (model.test() == null) {
                    s.setNull(21, Types.DOUBLE);
                } else {
                    s.setDouble(21, model.test().accuracy());
                }
                s.executeUpdate();
            }
            history(c, model.modelId(), model.status(), null, reason, null);
            return null;
        });
    }

    @Override
    public void setStatus(String modelId, ModelStatus status, ModelStatus previous, String reason, String changedBy) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update training.model_version set status = ?, updated_at = now() where model_id = ?")) {
                s.setString(1, status.name());
                s.setString(2, modelId);
                s.executeUpdate();
            }
            history(c, modelId, status, previous, reason, changedBy);
            return null;
        });
    }

    @Override
    public int lockShadows() {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "training.model_version:shadow");
                lock.execute();
            }
            try (PreparedStatement s =
                    c.prepareStatement("select count(*) from training.model_version where status = 'SHADOW'")) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static void history(
            Connection c, String modelId, ModelStatus status, ModelStatus previous, String reason, String changedBy)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into training.model_status_history "
                + "(model_id, status, previous_status, reason, changed_by) values (?, ?, ?, ?, ?)")) {
            s.setString(1, modelId);
            s.setString(2, status.name());
            s.setString(3, previous == null ? null : previous.name());
            s.setString(4, reason);
            s.setString(5, changedBy);
            s.executeUpdate();
        }
    }

    @Override
    public Optional<ModelVersion> production() {
        return first("select " + COLUMNS + " from training.model_version where status = 'PRODUCTION' for update");
    }

    @Override
    public Optional<ModelVersion> lock(String modelId) {
        return first("select " + COLUMNS + " from training.model_version where model_id = ? for update", modelId);
    }

    @Override
    public Optional<ModelVersion> previousProduction(String excluding) {
        return first(
                "select " + prefixed("m.")
                        + " from training.model_status_history h join training.model_version m"
                        + " on m.model_id = h.model_id"
                        + " where h.status = 'PRODUCTION' and m.model_id <> ? and m.status = 'ARCHIVED'"
                        + " order by h.id desc limit 1",
                excluding == null ? "" : excluding);
    }

    @Override
    public Optional<ModelVersion> findByJob(String jobId) {
        return first("select " + COLUMNS + " from training.model_version where job_id = ?", jobId);
    }

    @Override
    public Optional<ModelVersion> find(String modelId) {
        return first("select " + COLUMNS + " from training.model_version where model_id = ?", modelId);
    }

    @Override
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

    @Override
    public Optional<byte[]> artifact(String modelId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("select artifact from training.model_version where model_id = ?")) {
                s.setString(1, modelId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StatusChange> history(String modelId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("select status, previous_status, reason, changed_at, changed_by "
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
                                Jdbc.instant(rs.getTimestamp(4)),
                                rs.getString(5)));
                    }
                }
                return changes;
            }
        });
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(", ")).map(column -> alias + column).collect(Collectors.joining(", "));
    }

    private Optional<ModelVersion> first(String sql, String... parameters) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
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
                Jdbc.instant(rs.getTimestamp("created_at")),
                Jdbc.fromJson(rs.getString("reference"), InputProfile.class));
    }
}
