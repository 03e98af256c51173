package dev.fmnist.cli.options;

import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}: the Kafka a command talks to. Mix into any command that uses Kafka. */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS, default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    /** @return the bootstrap servers to use */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
