package dev.fmnist.training.persistence;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Training jobs and their status ({@code training.job}). */
@ApplicationScoped
public class JobRepository {

    private static final String COLUMNS = "job_id, request, status, owner, dataset_id, architecture, "
            + "cancel_requested, message, model_id, last_progress, submitted_at, started_at, finished_at";

    private final DataSource dataSource;

    public JobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true when the job was new and is now stored as QUEUED; false when its id was already known */
    public boolean insertQueued(TrainingJob job, String owner, String datasetId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into training.job (job_id, request, status, owner, dataset_id, architecture)
                    values (?, ?::jsonb, 'QUEUED', ?, ?, ?) on conflict (job_id) do nothing""")) {
                s.setString(1, job.jobId());
                s.setString(2, Jdbc.json(job));
                s.setString(3, owner);
                s.setString(4, datasetId);
                s.setString(5, job.architecture());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Marks the job RUNNING, unless it was cancelled meanwhile. @return whether it may run */
    public boolean markRunning(String jobId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update training.job set status = 'RUNNING', started_at = now(), updated_at = now()
                    where job_id = ? and status = 'QUEUED' and not cancel_requested""")) {
                s.setString(1, jobId);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Records how the job ended. */
    public void finish(String jobId, JobStatus status, String message, String modelId) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update training.job set status = ?, message = ?, model_id = ?, finished_at = now(),
                        updated_at = now() where job_id = ?""")) {
                s.setString(1, status.name());
                s.setString(2, message);
                s.setString(3, modelId);
                s.setString(4, jobId);
                return s.executeUpdate();
            }
        });
    }

    /** Keeps the latest progress report. */
    public void progress(TrainingProgress progress) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update training.job set last_progress = ?::jsonb, updated_at = now() where job_id = ?")) {
                s.setString(1, Jdbc.json(progress));
                s.setString(2, progress.jobId());
                return s.executeUpdate();
            }
        });
    }

    /**
     * Asks a job to stop: a QUEUED one is CANCELLED at once, a RUNNING one is flagged for its runner.
     *
     * @return the job after the request, empty when unknown
     */
    public Optional<JobRecord> requestCancel(String jobId, String reason) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update training.job set cancel_requested = true, updated_at = now(),
                        status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                        message = case when status = 'QUEUED' then ? else message end,
                        finished_at = case when status = 'QUEUED' then now() else finished_at end
                    where job_id = ? and status in ('QUEUED', 'RUNNING')""")) {
                s.setString(1, reason);
                s.setString(2, jobId);
                return s.executeUpdate();
            }
        });
        return find(jobId);
    }

    /** @return whether DELETE asked this job to stop */
    public boolean cancelRequested(String jobId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("select cancel_requested from training.job where job_id = ?")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    public Optional<JobRecord> find(String jobId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("select " + COLUMNS + " from training.job where job_id = ?")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<JobRecord>empty();
                }
            }
        });
    }

    /** @return the newest jobs first */
    public List<JobRecord> list(int limit) {
        return query("select " + COLUMNS + " from training.job order by submitted_at desc limit " + limit);
    }

    /** @return jobs of {@code owner} in {@code status}, oldest first */
    public List<JobRecord> owned(String owner, JobStatus status) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select " + COLUMNS + " from training.job where owner = ? and status = ? order by submitted_at")) {
                s.setString(1, owner);
                s.setString(2, status.name());
                return collect(s);
            }
        });
    }

    private List<JobRecord> query(String sql) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                return collect(s);
            }
        });
    }

    private static List<JobRecord> collect(PreparedStatement s) throws SQLException {
        List<JobRecord> jobs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                jobs.add(map(rs));
            }
        }
        return jobs;
    }

    private static JobRecord map(ResultSet rs) throws SQLException {
        return new JobRecord(
                rs.getString("job_id"),
                Jdbc.fromJson(rs.getString("request"), TrainingJob.class),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("owner"),
                rs.getString("dataset_id"),
                rs.getString("architecture"),
                rs.getBoolean("cancel_requested"),
                rs.getString("message"),
                rs.getString("model_id"),
                Jdbc.fromJson(rs.getString("last_progress"), TrainingProgress.class),
                Jdbc.instant(rs.getTimestamp("submitted_at")),
                Jdbc.instant(rs.getTimestamp("started_at")),
                Jdbc.instant(rs.getTimestamp("finished_at")));
    }
}
