package dev.fmnist.evaluation.leadership;

import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.SharedTestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The emitter's advisory lock on the real PostgreSQL: of several candidates exactly one holds it; when the holder's
 * connection goes (as when its process is killed) another takes it at its next try, and the old holder knows it is
 * no longer the emitter.
 */
class AdvisoryLockTest {

    private final long key = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
    private final List<AdvisoryLock> locks = new ArrayList<>();

    @AfterEach
    void release() {
        locks.forEach(AdvisoryLock::close);
    }

    @Test
    void exactlyOneHoldsItAndAnotherTakesOverWhenTheHoldersConnectionGoes() throws SQLException {
        Candidate a = new Candidate();
        Candidate b = new Candidate();
        Candidate c = new Candidate();

        assertThat(a.lock.refresh()).isTrue();
        assertThat(b.lock.refresh()).isFalse();
        assertThat(c.lock.refresh()).isFalse();
        assertThat(a.lock.refresh()).as("the holder keeps it").isTrue();
        assertThat(b.lock.refresh()).as("and nobody else gets it").isFalse();
        assertThat(a.lock.term()).isEqualTo(1);

        // the holder "dies": its connection closes underneath it, and the server releases the session's lock
        a.connection.close();
        // (the server ends the old session a moment after the socket closes)
        await().atMost(Duration.ofSeconds(10)).until(b.lock::refresh);
        assertThat(c.lock.refresh()).isFalse();
        assertThat(a.lock.refresh())
                .as("the old holder finds it gone and cannot take it back")
                .isFalse();
        assertThat(List.of(a.lock.isLeader(), b.lock.isLeader(), c.lock.isLeader()))
                .containsExactly(false, true, false);

        // a graceful stop gives it up at once
        b.lock.close();
        assertThat(b.lock.isLeader()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(c.lock::refresh);
        assertThat(a.lock.refresh()).isFalse();
    }

    @Test
    void aCandidateWithoutTheDatabaseIsNotTheEmitterAndTriesAgainLater() {
        boolean[] reachable = {false};
        PGSimpleDataSource source = dataSource();
        AdvisoryLock lock = new AdvisoryLock(
                () -> {
                    if (!reachable[0]) {
                        throw new SQLException("connection refused", "08001");
                    }
                    return source.getConnection();
                },
                key);
        locks.add(lock);

        assertThat(lock.refresh()).isFalse();
        reachable[0] = true;
        assertThat(lock.refresh()).isTrue();
    }

    private static PGSimpleDataSource dataSource() {
        PlatformEndpoints platform = SharedTestPlatform.get();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(platform.jdbcUrl());
        source.setUser(platform.username());
        source.setPassword(platform.password());
        return source;
    }

    /** A replica's lock, whose connection the test can close underneath it. */
    private final class Candidate {
        final AdvisoryLock lock;
        Connection connection;

        Candidate() {
            PGSimpleDataSource source = dataSource();
            lock = new AdvisoryLock(
                    () -> {
                        connection = source.getConnection();
                        return connection;
                    },
                    key);
            locks.add(lock);
        }
    }
}
