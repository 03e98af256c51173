package dev.fmnist.kit;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class OutagesTest {

    @Test
    void postgresqlGoneIsAnOutage() {
        var refused = new PSQLException(
                "Connection to localhost:5432 refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        var shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        var wrapped = new IllegalStateException("could not count 197 predictions", refused);

        assertThat(Outages.isOutage(refused)).isTrue();
        assertThat(Outages.isOutage(shutdown)).isTrue();
        assertThat(Outages.isOutage(wrapped)).isTrue();
        assertThat(Outages.isOutage(new SQLException("Sorry, acquisition timeout!")))
                .isTrue();
        assertThat(Outages.dependencyOf(wrapped)).isEqualTo("postgresql");
    }

    @Test
    void aStatementThatFailsOnItsOwnIsNot() {
        var nul = new PSQLException("invalid byte sequence for encoding \"UTF8\": 0x00", PSQLState.DATA_ERROR);
        var unique = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(Outages.isOutage(new IllegalStateException("insert failed", nul)))
                .isFalse();
        assertThat(Outages.isOutage(unique)).isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad record"))).isFalse();
        assertThat(Outages.isOutage(new UncheckedIOException(new java.io.IOException("truncated file"))))
                .isFalse();
    }

    @Test
    void kafkaRetriableErrorsAreOutagesOthersAreNot() {
        assertThat(Outages.isOutage(new TimeoutException("Expiring 3 record(s): 120000 ms has passed")))
                .isTrue();
        assertThat(Outages.dependencyOf(new TimeoutException("x"))).isEqualTo("kafka");
        assertThat(Outages.isOutage(new RecordTooLargeException("too large"))).isFalse();
    }

    @Test
    void aDeclaredUnavailabilityIsAnOutageOfItsDependency() {
        var unavailable = new DependencyUnavailableException("training-service", "registry unreachable", null);

        assertThat(Outages.isOutage(unavailable)).isTrue();
        assertThat(Outages.dependencyOf(unavailable)).isEqualTo("training-service");
    }
}
