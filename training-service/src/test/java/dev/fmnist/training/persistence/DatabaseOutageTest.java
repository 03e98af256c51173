package dev.fmnist.training.persistence;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    @Test
    void aLostOrRefusedConnectionIsAnOutageEvenWhenWrapped() {
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("database error",
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
        assertThat(DatabaseOutage.isOutage(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)))
                .isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void anErrorOfTheDataOrTheCodeIsNot() {
        assertThat(DatabaseOutage.isOutage(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("database error",
                new SQLException("value too long", "22001")))).isFalse();
        assertThat(DatabaseOutage.isOutage(new NullPointerException())).isFalse();
    }
}
