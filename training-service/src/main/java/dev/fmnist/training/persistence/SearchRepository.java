package dev.fmnist.training.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.training.SearchView;
import dev.fmnist.training.search.SearchPlan;
import dev.fmnist.training.search.SearchState;
import dev.fmnist.training.search.SearchStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Searches, their trials and folds ({@code training.search}, {@code search_trial}, {@code search_fold}). */
@ApplicationScoped
@Transactional
public class SearchRepository implements SearchStore {

    private static final TypeReference<LinkedHashMap<String, Object>> CONFIG = new TypeReference<>() {};

    private final DataSource dataSource;

    public SearchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(SearchPlan plan, String dataset) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into training.search (search_id, status, dataset, folds, metric, trials_total)
                    values (?, 'RUNNING', ?, ?, ?, ?) on conflict (search_id) do nothing""")) {
                s.setString(1, plan.searchId());
                s.setString(2, dataset);
                s.setInt(3, plan.folds());
                s.setString(4, plan.metric());
                s.setInt(5, plan.trials().size());
                if (s.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement trial = c.prepareStatement(
                            "insert into training.search_trial (search_id, trial, config, job) values (?, ?, ?::json, ?::json)");
                    PreparedStatement fold = c.prepareStatement(
                            "insert into training.search_fold (job_id, search_id, trial, fold) values (?, ?, ?, ?)")) {
                for (SearchPlan.Trial t : plan.trials()) {
                    trial.setString(1, plan.searchId());
                    trial.setInt(2, t.trial());
                    trial.setString(3, Jdbc.json(t.config()));
                    trial.setString(4, Jdbc.json(t.job()));
                    trial.addBatch();
                    for (TrainingJob job : plan.foldJobs(t)) {
                        fold.setString(1, job.jobId());
                        fold.setString(2, plan.searchId());
                        fold.setInt(3, t.trial());
                        fold.setInt(4, job.trial().fold());
                        fold.addBatch();
                    }
                }
                trial.executeBatch();
                fold.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<SearchState> lock(String searchId) {
        return load(searchId, true);
    }

    @Override
    public Optional<SearchState> state(String searchId) {
        return load(searchId, false);
    }

    @Override
    public boolean recordFold(String jobId, JobStatus status, Double score, String instance, String message) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update training.search_fold set status = ?, score = ?, instance = ?, message = ?, ended_at = now()
                    where job_id = ? and status is null""")) {
                s.setString(1, status.name());
                setDouble(s, 2, score);
                s.setString(3, instance);
                s.setString(4, message);
                s.setString(5, jobId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void endTrial(String searchId, int trial, JobStatus status, Double mean, Double sd) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update training.search_trial set status = ?, mean = ?, sd = ? where search_id = ? and trial = ?")) {
                s.setString(1, status.name());
                setDouble(s, 2, mean);
                setDouble(s, 3, sd);
                s.setString(4, searchId);
                s.setInt(5, trial);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void decide(String searchId, int bestTrial, String finalJobId) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update training.search set best_trial = ?, final_job_id = ? where search_id = ?")) {
                s.setInt(1, bestTrial);
                s.setString(2, finalJobId);
                s.setString(3, searchId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void end(String searchId, JobStatus status, String modelId, String message) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update training.search set status = ?, model_id = ?, message = ?, finished_at = now()
                    where search_id = ?""")) {
                s.setString(1, status.name());
                s.setString(2, modelId);
                s.setString(3, message);
                s.setString(4, searchId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<SearchView> find(String searchId) {
        return Jdbc.run(dataSource, c -> view(c, searchId));
    }

    @Override
    public List<SearchView> list(int limit) {
        return Jdbc.run(dataSource, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select search_id from training.search order by submitted_at desc, search_id limit ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<SearchView> views = new ArrayList<>();
            for (String id : ids) {
                view(c, id).ifPresent(views::add);
            }
            return views;
        });
    }

    private Optional<SearchState> load(String searchId, boolean forUpdate) {
        return Jdbc.run(dataSource, c -> {
            JobStatus status;
            int folds;
            String metric;
            Integer best;
            String finalJob;
            try (PreparedStatement s = c.prepareStatement(
                    "select status, folds, metric, best_trial, final_job_id from training.search where search_id = ?"
                            + (forUpdate ? " for update" : ""))) {
                s.setString(1, searchId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<SearchState>empty();
                    }
                    status = JobStatus.valueOf(rs.getString(1));
                    folds = rs.getInt(2);
                    metric = rs.getString(3);
                    best = (Integer) rs.getObject(4);
                    finalJob = rs.getString(5);
                }
            }
            Map<Integer, List<SearchState.FoldState>> foldsByTrial = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select trial, fold, job_id, status, score from training.search_fold where search_id = ?"
                            + " order by trial, fold")) {
                s.setString(1, searchId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        foldsByTrial
                                .computeIfAbsent(rs.getInt(1), t -> new ArrayList<>())
                                .add(new SearchState.FoldState(
                                        rs.getInt(2), rs.getString(3), status(rs.getString(4)), doubleOrNull(rs, 5)));
                    }
                }
            }
            List<SearchState.TrialState> trials = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select trial, config, job, status from training.search_trial where search_id = ? order by trial")) {
                s.setString(1, searchId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int trial = rs.getInt(1);
                        trials.add(new SearchState.TrialState(
                                trial,
                                Jdbc.fromJson(rs.getString(2), CONFIG),
                                Jdbc.fromJson(rs.getString(3), TrainingJob.class),
                                status(rs.getString(4)),
                                List.copyOf(foldsByTrial.getOrDefault(trial, List.of()))));
                    }
                }
            }
            return Optional.of(new SearchState(searchId, status, folds, metric, List.copyOf(trials), best, finalJob));
        });
    }

    private static Optional<SearchView> view(Connection c, String searchId) throws SQLException {
        SearchRow row;
        try (PreparedStatement s = c.prepareStatement("""
                select status, dataset, folds, metric, trials_total, best_trial, final_job_id, model_id, message,
                    submitted_at, finished_at from training.search where search_id = ?""")) {
            s.setString(1, searchId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                row = new SearchRow(
                        JobStatus.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getInt(5),
                        (Integer) rs.getObject(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        Jdbc.instant(rs.getTimestamp(10)),
                        Jdbc.instant(rs.getTimestamp(11)));
            }
        }
        Map<Integer, List<SearchView.Fold>> foldsByTrial = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select f.trial, f.fold, f.job_id, coalesce(f.status, j.status) as status, f.score,
                    coalesce(f.instance, j.owner) as instance
                from training.search_fold f left join training.job j on j.job_id = f.job_id
                where f.search_id = ? order by f.trial, f.fold""")) {
            s.setString(1, searchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JobStatus status = status(rs.getString("status"));
                    foldsByTrial
                            .computeIfAbsent(rs.getInt("trial"), t -> new ArrayList<>())
                            .add(new SearchView.Fold(
                                    rs.getInt("fold"),
                                    rs.getString("job_id"),
                                    status == null ? JobStatus.QUEUED : status,
                                    doubleOrNull(rs, "score"),
                                    rs.getString("instance")));
                }
            }
        }
        List<SearchView.Trial> trials = new ArrayList<>();
        SearchView.Best best = null;
        int done = 0;
        try (PreparedStatement s = c.prepareStatement("""
                select trial, config, job, status, mean, sd from training.search_trial where search_id = ?
                order by trial""")) {
            s.setString(1, searchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int number = rs.getInt("trial");
                    List<SearchView.Fold> folds = List.copyOf(foldsByTrial.getOrDefault(number, List.of()));
                    JobStatus ended = status(rs.getString("status"));
                    Double mean = doubleOrNull(rs, "mean");
                    Double sd = doubleOrNull(rs, "sd");
                    if (ended != null) {
                        done++;
                    }
                    trials.add(new SearchView.Trial(
                            number,
                            Jdbc.fromJson(rs.getString("config"), CONFIG),
                            jobFields(Jdbc.fromJson(rs.getString("job"), TrainingJob.class)),
                            folds,
                            mean,
                            sd,
                            trialStatus(ended, row.status(), folds)));
                    if (row.bestTrial() != null && row.bestTrial() == number) {
                        best = new SearchView.Best(number, mean, sd);
                    }
                }
            }
        }
        return Optional.of(new SearchView(
                searchId,
                row.status(),
                row.dataset(),
                row.folds(),
                row.metric(),
                row.trialsTotal(),
                done,
                row.submittedAt(),
                row.finishedAt(),
                List.copyOf(trials),
                best,
                row.finalJobId(),
                row.modelId(),
                row.message()));
    }

    /** A trial's status: how it ended, else RUNNING once one of its folds started or ended, else QUEUED. */
    private static JobStatus trialStatus(JobStatus ended, JobStatus search, List<SearchView.Fold> folds) {
        if (ended != null) {
            return ended;
        }
        if (search == JobStatus.CANCELLED) {
            return JobStatus.CANCELLED;
        }
        return folds.stream().anyMatch(f -> f.status() != JobStatus.QUEUED) ? JobStatus.RUNNING : JobStatus.QUEUED;
    }

    /** @return the fields of the effective job the API shows: architecture, epochs, batchSize, learningRate, params */
    private static TrainingJob jobFields(TrainingJob job) {
        return new TrainingJob(
                null,
                null,
                job.architecture(),
                job.epochs(),
                job.batchSize(),
                job.learningRate(),
                null,
                null,
                job.params(),
                null);
    }

    private static JobStatus status(String name) {
        return name == null ? null : JobStatus.valueOf(name);
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private record SearchRow(
            JobStatus status,
            String dataset,
            int folds,
            String metric,
            int trialsTotal,
            Integer bestTrial,
            String finalJobId,
            String modelId,
            String message,
            Instant submittedAt,
            Instant finishedAt) {}
}
