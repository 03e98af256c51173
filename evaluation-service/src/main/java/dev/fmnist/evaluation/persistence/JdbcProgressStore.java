package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.service.JobProgress;
import dev.fmnist.evaluation.service.ProgressRecord;
import dev.fmnist.evaluation.service.ProgressStore;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evaluation.training_progress} (every stored record, unique per job and fingerprint) and
 * {@code evaluation.training_job} (one summary row per job), both changed in the transaction that stores a record.
 */
@Singleton
@Transactional
public class JdbcProgressStore implements ProgressStore {

    private final DataSource dataSource;

    public JdbcProgressStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean add(ProgressRecord record, int keepPerJob, int keepJobs) {
        TrainingProgress progress = record.progress();
        try (Connection connection = dataSource.getConnection()) {
            long seq;
            try (PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO evaluation.training_progress
                         (job_id, fingerprint, status, epoch, batch, emitted_at, progress)
                     VALUES (?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (job_id, fingerprint) DO NOTHING
                     RETURNING seq""")) {
                insert.setString(1, record.jobId());
                insert.setBytes(2, record.fingerprint());
                insert.setString(3, progress.status().name());
                insert.setInt(4, progress.epoch());
                if (progress.batch() == null) {
                    insert.setNull(5, Types.INTEGER);
                } else {
                    insert.setInt(5, progress.batch());
                }
                insert.setTimestamp(6, Timestamp.from(record.at()));
                insert.setString(7, record.json());
                try (ResultSet rows = insert.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                    seq = rows.getLong(1);
                }
            }
            boolean newJob;
            int points;
            try (PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO evaluation.training_job
                         (job_id, status, epoch, total_epochs, model_id, points, last_seq, last_at)
                     VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                     ON CONFLICT (job_id) DO UPDATE SET status = EXCLUDED.status, epoch = EXCLUDED.epoch,
                         total_epochs = EXCLUDED.total_epochs,
                         model_id = COALESCE(EXCLUDED.model_id, evaluation.training_job.model_id),
                         points = evaluation.training_job.points + 1,
                         last_seq = EXCLUDED.last_seq, last_at = EXCLUDED.last_at
                     RETURNING xmax = 0, points""")) {
                upsert.setString(1, record.jobId());
                upsert.setString(2, progress.status().name());
                upsert.setInt(3, progress.epoch());
                upsert.setInt(4, progress.totalEpochs());
                upsert.setString(5, progress.modelId());
                upsert.setLong(6, seq);
                upsert.setTimestamp(7, Timestamp.from(record.at()));
                try (ResultSet rows = upsert.executeQuery()) {
                    rows.next();
                    newJob = rows.getBoolean(1);
                    points = rows.getInt(2);
                }
            }
            if (points > keepPerJob) {
                keepNewest(connection, record.jobId(), keepPerJob);
            }
            if (newJob) {
                keepNewestJobs(connection, keepJobs);
            }
            return true;
        } catch (SQLException e) {
            throw new PersistenceException("could not store the progress of job " + record.jobId(), e);
        }
    }

    /** Deletes all but the job's newest {@code keep} records. */
    private static void keepNewest(Connection connection, String jobId, int keep) throws SQLException {
        int deleted;
        try (PreparedStatement delete = connection.prepareStatement("""
                 DELETE FROM evaluation.training_progress
                 WHERE job_id = ? AND seq <= (SELECT seq FROM evaluation.training_progress WHERE job_id = ?
                                              ORDER BY seq DESC OFFSET ? LIMIT 1)""")) {
            delete.setString(1, jobId);
            delete.setString(2, jobId);
            delete.setInt(3, keep);
            deleted = delete.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE evaluation.training_job SET points = points - ? WHERE job_id = ?")) {
            update.setInt(1, deleted);
            update.setString(2, jobId);
            update.executeUpdate();
        }
    }

    /** Deletes every job (and its records) but the {@code keep} with the newest last record. */
    private static void keepNewestJobs(Connection connection, int keep) throws SQLException {
        List<String> old = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement("""
                 DELETE FROM evaluation.training_job WHERE job_id IN (
                     SELECT job_id FROM evaluation.training_job ORDER BY last_at DESC, job_id OFFSET ?)
                 RETURNING job_id""")) {
            delete.setInt(1, keep);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    old.add(rows.getString(1));
                }
            }
        }
        if (old.isEmpty()) {
            return;
        }
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM evaluation.training_progress WHERE job_id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("text", old.toArray()));
            delete.executeUpdate();
        }
    }

    @Override
    public List<TrainingProgress> history(String jobId) {
        List<TrainingProgress> history = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT progress FROM evaluation.training_progress WHERE job_id = ? ORDER BY seq")) {
            select.setString(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    history.add(JsonCodec.fromJson(rows.getString(1), TrainingProgress.class));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the progress of job " + jobId, e);
        }
        return history;
    }

    @Override
    public List<JobProgress> jobs(int limit) {
        List<JobProgress> jobs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                     SELECT j.job_id, j.status, j.epoch, j.total_epochs, j.model_id, j.points, j.last_at, p.progress
                     FROM evaluation.training_job j LEFT JOIN evaluation.training_progress p ON p.seq = j.last_seq
                     ORDER BY j.last_at DESC, j.job_id LIMIT ?""")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String last = rows.getString(8);
                    Instant published = last == null
                            ? null
                            : JsonCodec.fromJson(last, TrainingProgress.class).timestamp();
                    jobs.add(new JobProgress(
                            rows.getString(1),
                            JobStatus.valueOf(rows.getString(2)),
                            rows.getInt(3),
                            rows.getInt(4),
                            rows.getString(5),
                            rows.getInt(6),
                            published != null ? published : rows.getTimestamp(7).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the training jobs", e);
        }
        return jobs;
    }
}
