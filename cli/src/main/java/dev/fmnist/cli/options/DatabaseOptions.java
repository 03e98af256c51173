package dev.fmnist.cli.options;

import picocli.CommandLine.Option;

/** {@code --db-url}, {@code --db-user}, {@code --db-password}: the PostgreSQL a command talks to. */
public final class DatabaseOptions {

    @Option(
            names = "--db-url",
            paramLabel = "JDBC-URL",
            defaultValue = "${env:FMNIST_DB_URL:-jdbc:postgresql://localhost:5432/fmnist}",
            description = "PostgreSQL JDBC URL (env FMNIST_DB_URL, default: ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            defaultValue = "${env:FMNIST_DB_USER:-fmnist}",
            description = "Database user (env FMNIST_DB_USER, default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:FMNIST_DB_PASSWORD:-fmnist}",
            description = "Database password (env FMNIST_DB_PASSWORD, default: fmnist).")
    String password;

    /** @return the JDBC URL */
    public String url() {
        return url;
    }

    /** @return the user */
    public String user() {
        return user;
    }

    /** @return the password */
    public String password() {
        return password;
    }
}
