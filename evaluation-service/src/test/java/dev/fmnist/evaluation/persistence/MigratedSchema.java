package dev.fmnist.evaluation.persistence;

import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.SharedTestPlatform;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's schema, migrated by its own Flyway scripts, in the shared test platform's real PostgreSQL. The plain
 * persistence tests get a database of their own: every process that counts into the application's database is one
 * of its replicas (the application started by an earlier {@code @QuarkusTest} of this JVM, still running, would
 * follow and publish their models). A test that prepares state for the application to start from uses
 * {@link #applicationDataSource()}.
 */
final class MigratedSchema {

    private static final String PLAIN_TESTS_DATABASE = "evaluation_plain_tests";

    private static PGSimpleDataSource dataSource;
    private static PGSimpleDataSource application;

    private MigratedSchema() {}

    /**
     * @return a data source on the migrated {@code evaluation} schema of the plain tests' own database (the
     *     application's, where no role may create one)
     */
    static synchronized PGSimpleDataSource dataSource() {
        if (dataSource == null) {
            PGSimpleDataSource source = source();
            if (createDatabase(PLAIN_TESTS_DATABASE, source.getUser())) {
                source.setDatabaseName(PLAIN_TESTS_DATABASE);
            }
            dataSource = migrate(source);
        }
        return dataSource;
    }

    /** @return a data source on the migrated {@code evaluation} schema of the database the application uses */
    static synchronized PGSimpleDataSource applicationDataSource() {
        if (application == null) {
            application = migrate(source());
        }
        return application;
    }

    private static PGSimpleDataSource source() {
        PlatformEndpoints platform = SharedTestPlatform.get();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(platform.jdbcUrl());
        source.setUser(platform.username());
        source.setPassword(platform.password());
        return source;
    }

    /**
     * Creates the database (owned by {@code owner}) unless it exists, as the embedded server's superuser
     * {@code postgres} (trusted on localhost), since the application's role may not create databases.
     *
     * @return whether the database is there
     */
    private static boolean createDatabase(String name, String owner) {
        PGSimpleDataSource server = source();
        server.setUser("postgres");
        server.setPassword(null);
        try (Connection connection = server.getConnection();
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + name + " OWNER \"" + owner + "\"");
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            System.err.println("The plain persistence tests share the application's database: " + e.getMessage());
            return false;
        }
    }

    private static PGSimpleDataSource migrate(PGSimpleDataSource source) {
        Flyway.configure()
                .dataSource(source)
                .schemas("evaluation")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return source;
    }
}
