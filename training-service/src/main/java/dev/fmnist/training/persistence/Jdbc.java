package dev.fmnist.training.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.fmnist.contracts.json.JsonCodec;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC helpers shared by the repositories: transactions and JSON columns. */
public final class Jdbc {

    private Jdbc() {}

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    public static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** @return {@code value} as JSON text for a jsonb parameter ({@code ?::jsonb}), null stays null */
    public static String json(Object value) {
        return value == null ? null : JsonCodec.toJson(value);
    }

    /** @return the JSON column decoded, null stays null */
    public static <T> T fromJson(String json, Class<T> type) {
        return json == null ? null : JsonCodec.fromJson(json, type);
    }

    /** @return the JSON column decoded as a generic type, null stays null */
    public static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return json == null ? null : JsonCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getMessage(), e);
        }
    }

    /** @return the timestamp as an Instant, null stays null */
    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
