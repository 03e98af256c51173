package dev.fmnist.cli.options;

import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}: the Kafka a command talks to. Mix into any command that uses Kafka. */
public final class KafkaOptions {

    /** The contract's default bootstrap servers. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP_SERVERS + "}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS, default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    /** @return the bootstrap servers to use */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
