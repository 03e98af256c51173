package dev.fmnist.training.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.training.service.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC helpers shared by the repositories: a connection for some work, and JSON columns. */
public final class Jdbc {

    private Jdbc() {}

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of {@code dataSource}: inside a transaction (the callers are
     * {@code @Transactional}) the transaction's connection, which commits or rolls back with it.
     *
     * @throws StoreException when the database fails
     */
    public static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
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
            throw new StoreException("unreadable JSON column: " + e.getMessage(), e);
        }
    }

    /** @return the timestamp as an Instant, null stays null */
    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
