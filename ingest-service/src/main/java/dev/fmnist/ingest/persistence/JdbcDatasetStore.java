package dev.fmnist.ingest.persistence;

import dev.fmnist.contracts.api.ingest.DatasetStatus;
import dev.fmnist.ingest.service.CatalogException;
import dev.fmnist.ingest.service.DatasetEntry;
import dev.fmnist.ingest.service.DatasetStore;
import dev.fmnist.ingest.service.FileEntry;
import dev.fmnist.ingest.service.SplitEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset catalog in tables {@code ingest.dataset}, {@code ingest.dataset_split} and {@code ingest.source_file}
 * (plain SQL on the injected DataSource). Every update is one {@code @Transactional} method: the connections it takes
 * join the transaction, which commits when the method returns and rolls back when it throws.
 */
@ApplicationScoped
public class JdbcDatasetStore implements DatasetStore {

    private static final String SELECT = "SELECT id, name, format, source, content_hash, status, error, created_at,"
            + " updated_at, ready_at FROM ingest.dataset";

    private final DataSource dataSource;

    public JdbcDatasetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the dataset with this id */
    @Override
    public Optional<DatasetEntry> find(String id) {
        return query(SELECT + " WHERE id = ?", id).stream().findFirst();
    }

    /** @return the dataset currently ready under this name (the latest announced) */
    @Override
    public Optional<DatasetEntry> findReadyByName(String name) {
        return query(SELECT + " WHERE name = ? AND status = 'READY' ORDER BY ready_at DESC", name).stream()
                .findFirst();
    }

    /** @return every dataset, newest first */
    @Override
    public List<DatasetEntry> list() {
        return query(SELECT + " ORDER BY created_at DESC, id", null);
    }

    /**
     * Records a dataset about to be published (status PUBLISHING), replacing its splits and files; keeps its
     * creation time when it exists.
     */
    @Override
    @Transactional
    public void savePublishing(DatasetEntry entry) {
        update(connection -> {
            Instant now = Instant.now();
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO ingest.dataset (id, name, format, source, content_hash, status, error, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, 'PUBLISHING', NULL, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET format = EXCLUDED.format, source = EXCLUDED.source,"
                            + " status = 'PUBLISHING', error = NULL, updated_at = EXCLUDED.updated_at")) {
                upsert.setString(1, entry.id());
                upsert.setString(2, entry.name());
                upsert.setString(3, entry.format());
                upsert.setString(4, entry.source());
                upsert.setString(5, entry.contentHash());
                upsert.setTimestamp(6, Timestamp.from(now));
                upsert.setTimestamp(7, Timestamp.from(now));
                upsert.executeUpdate();
            }
            for (String table : List.of("ingest.dataset_split", "ingest.source_file")) {
                try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM " + table + " WHERE dataset_id = ?")) {
                    delete.setString(1, entry.id());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ingest.dataset_split (dataset_id, split, ordinal, topic, image_count, rejected,"
                            + " content_hash, class_counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int ordinal = 0;
                for (SplitEntry split : entry.splits()) {
                    Long[] counts = new Long[split.classCounts().length];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = split.classCounts()[i];
                    }
                    insert.setString(1, entry.id());
                    insert.setString(2, split.split());
                    insert.setInt(3, ordinal++);
                    insert.setString(4, split.topic());
                    insert.setLong(5, split.count());
                    insert.setLong(6, split.rejected());
                    insert.setString(7, split.contentHash());
                    insert.setArray(8, connection.createArrayOf("bigint", counts));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ingest.source_file (dataset_id, split, file_name, sha256, expected_sha256, verified)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (FileEntry file : entry.files()) {
                    insert.setString(1, entry.id());
                    insert.setString(2, file.split());
                    insert.setString(3, file.name());
                    insert.setString(4, file.sha256());
                    insert.setString(5, file.expectedSha256());
                    insert.setBoolean(6, file.verified());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Marks a dataset READY (now) and any other ready dataset of the same name SUPERSEDED. */
    @Override
    @Transactional
    public void markReady(String id) {
        update(connection -> {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement supersede = connection.prepareStatement(
                    "UPDATE ingest.dataset SET status = 'SUPERSEDED', updated_at = ? WHERE status = 'READY'"
                            + " AND id <> ? AND name = (SELECT name FROM ingest.dataset WHERE id = ?)")) {
                supersede.setTimestamp(1, now);
                supersede.setString(2, id);
                supersede.setString(3, id);
                supersede.executeUpdate();
            }
            try (PreparedStatement ready = connection.prepareStatement(
                    "UPDATE ingest.dataset SET status = 'READY', error = NULL, updated_at = ?, ready_at = ?"
                            + " WHERE id = ?")) {
                ready.setTimestamp(1, now);
                ready.setTimestamp(2, now);
                ready.setString(3, id);
                ready.executeUpdate();
            }
        });
    }

    /** Marks a dataset FAILED with the reason. */
    @Override
    @Transactional
    public void markFailed(String id, String error) {
        update(connection -> {
            try (PreparedStatement failed = connection.prepareStatement(
                    "UPDATE ingest.dataset SET status = 'FAILED', error = ?, updated_at = ? WHERE id = ?")) {
                failed.setString(1, error);
                failed.setTimestamp(2, Timestamp.from(Instant.now()));
                failed.setString(3, id);
                failed.executeUpdate();
            }
        });
    }

    private List<DatasetEntry> query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<DatasetEntry> heads = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    heads.add(new DatasetEntry(
                            rows.getString("id"),
                            rows.getString("name"),
                            rows.getString("format"),
                            rows.getString("source"),
                            rows.getString("content_hash"),
                            DatasetStatus.valueOf(rows.getString("status")),
                            rows.getString("error"),
                            instant(rows.getTimestamp("created_at")),
                            instant(rows.getTimestamp("updated_at")),
                            instant(rows.getTimestamp("ready_at")),
                            List.of(),
                            List.of()));
                }
            }
            List<DatasetEntry> full = new ArrayList<>();
            for (DatasetEntry head : heads) {
                full.add(new DatasetEntry(
                        head.id(),
                        head.name(),
                        head.format(),
                        head.source(),
                        head.contentHash(),
                        head.status(),
                        head.error(),
                        head.createdAt(),
                        head.updatedAt(),
                        head.readyAt(),
                        splits(connection, head.id()),
                        files(connection, head.id())));
            }
            return full;
        } catch (SQLException e) {
            throw new CatalogException("catalog query failed: " + e.getMessage(), e);
        }
    }

    private static List<SplitEntry> splits(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT split, topic, image_count, rejected, content_hash, class_counts FROM ingest.dataset_split"
                        + " WHERE dataset_id = ? ORDER BY ordinal")) {
            statement.setString(1, id);
            Map<String, SplitEntry> splits = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Array array = rows.getArray("class_counts");
                    Object[] values = (Object[]) array.getArray();
                    long[] counts = new long[values.length];
                    for (int i = 0; i < values.length; i++) {
                        counts[i] = ((Number) values[i]).longValue();
                    }
                    splits.put(
                            rows.getString("split"),
                            new SplitEntry(
                                    rows.getString("split"),
                                    rows.getString("topic"),
                                    rows.getLong("image_count"),
                                    rows.getLong("rejected"),
                                    rows.getString("content_hash"),
                                    counts));
                }
            }
            return List.copyOf(splits.values());
        }
    }

    private static List<FileEntry> files(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT split, file_name, sha256, expected_sha256, verified FROM ingest.source_file"
                        + " WHERE dataset_id = ? ORDER BY split, file_name")) {
            statement.setString(1, id);
            List<FileEntry> files = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    files.add(new FileEntry(
                            rows.getString("split"),
                            rows.getString("file_name"),
                            rows.getString("sha256"),
                            rows.getString("expected_sha256"),
                            rows.getBoolean("verified")));
                }
            }
            return files;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Runs {@code work} on a connection of the current transaction. */
    private void update(SqlWork work) {
        try (Connection connection = dataSource.getConnection()) {
            work.run(connection);
        } catch (SQLException e) {
            throw new CatalogException("catalog update failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
