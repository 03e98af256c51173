package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.evaluation.service.JobProgress;
import dev.fmnist.evaluation.service.ProgressLog;
import dev.fmnist.evaluation.testing.TrainingRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored training progress in the real PostgreSQL: once per record, oldest first, bounded per job and in jobs. */
class JdbcProgressStoreTest {

    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = MigratedSchema.dataSource();
    }

    @Test
    void aRecordIsStoredOnceAndEachJobKeepsItsNewest() {
        ProgressLog log = new ProgressLog(new JdbcProgressStore(dataSource), 3, 1_000_000);
        String job = "bounded-" + UUID.randomUUID();
        // far in the future, so it is among the jobs listed whatever else the shared database holds
        Instant t0 = Instant.parse("2098-11-23T10:00:00.123456789Z");
        List<TrainingProgress> sent = new ArrayList<>();
        for (int batch = 1; batch <= 5; batch++) {
            TrainingProgress p = TrainingRuns.batch(job, 1, batch, 1.0 / batch, t0.plusSeconds(batch));
            sent.add(p);
            assertThat(log.record(p, Instant.now())).as("new").isTrue();
        }
        assertThat(log.record(sent.get(4), Instant.now()))
                .as("the same record again")
                .isFalse();
        // the same epoch and batch reported again later is another record
        TrainingProgress again = TrainingRuns.batch(job, 1, 5, 0.2, t0.plusSeconds(6));
        assertThat(log.record(again, Instant.now())).isTrue();

        assertThat(log.history(job)).containsExactly(sent.get(3), sent.get(4), again);
        JobProgress summary = summaryOf(log, job);
        assertThat(summary.points()).isEqualTo(3);
        assertThat(summary.timestamp()).as("to the nanosecond, as published").isEqualTo(again.timestamp());
        assertThat(summary.status()).isEqualTo(JobStatus.RUNNING);
        delete(job);
    }

    @Test
    void aRecordWithoutTimestampIsOrderedByTheKafkaRecordTime() {
        ProgressLog log = new ProgressLog(new JdbcProgressStore(dataSource), 10, 1_000_000);
        String job = "untimed-" + UUID.randomUUID();
        Instant recordTime = Instant.parse("2099-01-01T00:00:00Z");
        TrainingProgress untimed = TrainingRuns.bare(job, JobStatus.QUEUED, 1, null, null, null);
        assertThat(log.record(untimed, recordTime)).isTrue();
        assertThat(log.history(job)).containsExactly(untimed);
        assertThat(summaryOf(log, job).timestamp()).isEqualTo(recordTime);
        delete(job);
    }

    @Test
    void jobsBeyondTheBoundAreDeletedOldestFirst() throws Exception {
        String oldest = "oldest-" + UUID.randomUUID();
        String kept = "kept-" + UUID.randomUUID();
        int before = jobCount();
        // two jobs older than any other test's: with room for one more job, the first is deleted when the second comes
        ProgressLog log = new ProgressLog(new JdbcProgressStore(dataSource), 10, before + 1);
        Instant ancient = Instant.parse("1990-01-01T00:00:00Z");
        log.record(TrainingRuns.bare(oldest, JobStatus.QUEUED, 1, null, null, ancient), Instant.now());
        log.record(TrainingRuns.bare(oldest, JobStatus.RUNNING, 1, null, null, ancient.plusSeconds(1)), Instant.now());
        assertThat(log.history(oldest)).hasSize(2);
        log.record(TrainingRuns.bare(kept, JobStatus.QUEUED, 1, null, null, ancient.plusSeconds(2)), Instant.now());

        assertThat(log.history(oldest)).as("deleted with its records").isEmpty();
        assertThat(log.history(kept)).hasSize(1);
        assertThat(jobCount()).isEqualTo(before + 1);
        assertThat(count("SELECT count(*) FROM evaluation.training_progress WHERE job_id = '" + oldest + "'"))
                .isZero();
        delete(kept);
    }

    private static JobProgress summaryOf(ProgressLog log, String job) {
        return log.jobs().stream()
                .filter(j -> j.jobId().equals(job))
                .findFirst()
                .orElseThrow();
    }

    private static int jobCount() throws Exception {
        return count("SELECT count(*) FROM evaluation.training_job");
    }

    private static int count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Leaves no far-future or ancient job behind for the other tests' lists. */
    private static void delete(String job) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM evaluation.training_progress WHERE job_id = '" + job + "'");
            statement.executeUpdate("DELETE FROM evaluation.training_job WHERE job_id = '" + job + "'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
