package dev.fmnist.launcher.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Connects to PostgreSQL and reports the server version and the application schemas. */
public final class PostgresProbe {

    private final String url;
    private final String user;
    private final String password;
    private final Duration timeout;

    /**
     * @param url      JDBC URL
     * @param user     user
     * @param password password
     * @param timeout  connect and query timeout
     */
    public PostgresProbe(String url, String user, String password, Duration timeout) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
    }

    /** What the probe found. */
    public sealed interface Result permits Reachable, Unreachable {}

    /**
     * The database accepted the connection.
     *
     * @param version server version, e.g. {@code 14.22}
     * @param schemas schemas other than the system ones (each service owns one)
     */
    public record Reachable(String version, List<String> schemas) implements Result {}

    /**
     * The connection failed.
     *
     * @param reason the driver's message
     */
    public record Unreachable(String reason) implements Result {}

    /** @return what the database says, or why it refused */
    public Result probe() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            String version;
            try (ResultSet row = statement.executeQuery("show server_version")) {
                row.next();
                version = row.getString(1);
            }
            List<String> schemas = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select nspname from pg_namespace where nspname not like "
                    + "'pg\\_%' and nspname not in ('information_schema', 'public') order by nspname")) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
            return new Reachable(version, schemas);
        } catch (SQLException e) {
            return new Unreachable(e.getMessage());
        }
    }
}
