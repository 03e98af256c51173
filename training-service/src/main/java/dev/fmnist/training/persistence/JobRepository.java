package dev.fmnist.training.persistence;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.Promotion;
import dev.fmnist.training.service.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Training jobs and their status ({@code training.job}). */
@ApplicationScoped
@Transactional
public class JobRepository implements JobStore {

    private static final String COLUMNS = "job_id, request, status, owner, dataset_id, architecture, "
            + "cancel_requested, message, model_id, last_progress, submitted_at, started_at, finished_at, promotion";

    private final DataSource dataSource;

    public JobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
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

    @Override
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

    @Override
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

    @Override
    public void promoted(String jobId, Promotion promotion) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update training.job set promotion = ?::jsonb, updated_at = now() where job_id = ?")) {
                s.setString(1, Jdbc.json(promotion));
                s.setString(2, jobId);
                return s.executeUpdate();
            }
        });
    }

    @Override
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

    @Override
    public void requestCancel(String jobId, String reason) {
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
    }

    @Override
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

    @Override
    public Optional<JobView> find(String jobId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("select " + COLUMNS + " from training.job where job_id = ?")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<JobView>empty();
                }
            }
        });
    }

    @Override
    public List<JobView> list(int limit) {
        return query("select " + COLUMNS + " from training.job order by submitted_at desc limit " + limit);
    }

    @Override
    public List<JobView> owned(String owner, JobStatus status) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select " + COLUMNS + " from training.job where owner = ? and status = ? order by submitted_at")) {
                s.setString(1, owner);
                s.setString(2, status.name());
                return collect(s);
            }
        });
    }

    private List<JobView> query(String sql) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                return collect(s);
            }
        });
    }

    private static List<JobView> collect(PreparedStatement s) throws SQLException {
        List<JobView> jobs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                jobs.add(map(rs));
            }
        }
        return jobs;
    }

    private static JobView map(ResultSet rs) throws SQLException {
        return new JobView(
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
                Jdbc.instant(rs.getTimestamp("finished_at")),
                Jdbc.fromJson(rs.getString("promotion"), Promotion.class));
    }
}
