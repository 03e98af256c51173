package dev.fmnist.platform;

import java.util.Map;

/** How a client reaches a running platform. */
public interface PlatformEndpoints {

    /** Config key of the Kafka bootstrap servers read by SmallRye Reactive Messaging. */
    String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    /** Config key of the datasource URL. */
    String DATASOURCE_URL = "quarkus.datasource.jdbc.url";
    /** Config key of the datasource user. */
    String DATASOURCE_USERNAME = "quarkus.datasource.username";
    /** Config key of the datasource password. */
    String DATASOURCE_PASSWORD = "quarkus.datasource.password";

    /** @return Kafka bootstrap servers, {@code localhost:<port>} */
    String bootstrapServers();

    /** @return JDBC URL of the {@code fmnist} database */
    String jdbcUrl();

    /** @return database user */
    String username();

    /** @return database password */
    String password();

    /** @return the Quarkus configuration that points a service at this platform */
    default Map<String, String> quarkusConfig() {
        return Map.of(
                KAFKA_BOOTSTRAP_SERVERS, bootstrapServers(),
                DATASOURCE_URL, jdbcUrl(),
                DATASOURCE_USERNAME, username(),
                DATASOURCE_PASSWORD, password());
    }

    /**
     * Endpoints given as plain values.
     *
     * @return endpoints that hold the given values
     */
    static PlatformEndpoints of(String bootstrapServers, String jdbcUrl, String username, String password) {
        return new Fixed(bootstrapServers, jdbcUrl, username, password);
    }

    /** Endpoints given as plain values. */
    record Fixed(String bootstrapServers, String jdbcUrl, String username, String password)
            implements PlatformEndpoints {}
}
