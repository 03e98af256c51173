package dev.fmnist.evaluation.persistence;

import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.SharedTestPlatform;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** The service's schema, migrated by its own Flyway scripts, in the shared test platform's real PostgreSQL. */
final class MigratedSchema {

    private static PGSimpleDataSource dataSource;

    private MigratedSchema() {}

    /** @return a data source on the migrated {@code evaluation} schema (migrated once per JVM) */
    static synchronized PGSimpleDataSource dataSource() {
        if (dataSource == null) {
            PlatformEndpoints platform = SharedTestPlatform.get();
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(platform.jdbcUrl());
            source.setUser(platform.username());
            source.setPassword(platform.password());
            Flyway.configure()
                    .dataSource(source)
                    .schemas("evaluation")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            dataSource = source;
        }
        return dataSource;
    }
}
