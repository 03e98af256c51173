package dev.fmnist.cli.command;

import dev.fmnist.cli.console.Table;
import dev.fmnist.cli.options.DatabaseOptions;
import dev.fmnist.cli.options.KafkaOptions;
import dev.fmnist.contracts.Topics;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.launcher.probe.HealthProbe;
import dev.fmnist.launcher.probe.KafkaProbe;
import dev.fmnist.launcher.probe.PostgresProbe;
import dev.fmnist.platform.kafka.ContractTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fmnist status}: what is reachable, which topics exist, which services are ready. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Show what runs: Kafka and its topics, PostgreSQL, the four services.",
        description = {
            "Checks whether Kafka is reachable and which topics it has, whether PostgreSQL accepts the "
                    + "application user, and which services answer /q/health/ready on ports 8081-8084.",
            "",
            "Exit status 0 when Kafka (with every contract topic) and PostgreSQL are reachable, 1 otherwise; "
                    + "services that are not running do not change the exit status."
        })
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    DatabaseOptions database;

    @Option(
            names = "--timeout",
            defaultValue = "PT3S",
            paramLabel = "DURATION",
            description = "How long to wait for each answer, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean kafkaOk = reportKafka(out);
        boolean postgresOk = reportPostgres(out);
        reportServices(out);
        out.flush();
        return kafkaOk && postgresOk ? 0 : 1;
    }

    private boolean reportKafka(PrintWriter out) {
        KafkaProbe.Result result = new KafkaProbe(kafka.bootstrapServers(), timeout).probe();
        if (result instanceof KafkaProbe.Unreachable down) {
            out.println("Kafka       " + kafka.bootstrapServers() + "  UNREACHABLE: " + down.reason());
            out.println("  start it with: ./fmnist up");
            out.println();
            return false;
        }
        KafkaProbe.Reachable up = (KafkaProbe.Reachable) result;
        out.println("Kafka       " + kafka.bootstrapServers() + "  reachable (cluster " + up.clusterId() + ", "
                + up.brokers() + (up.brokers() == 1 ? " broker)" : " brokers)"));
        Table topics = new Table("topic", "partitions", "");
        List<String> missing = new ArrayList<>();
        for (String name : Topics.FIXED) {
            Integer partitions = up.partitions().get(name);
            if (partitions == null) {
                missing.add(name);
                topics.row(name, "-", "MISSING");
            } else {
                int expected = ContractTopics.of(name).partitions();
                topics.row(
                        name, partitions, partitions == expected ? "contract" : "contract (expected " + expected + ")");
            }
        }
        for (Map.Entry<String, Integer> topic : up.partitions().entrySet()) {
            String name = topic.getKey();
            if (!Topics.FIXED.contains(name) && !name.startsWith("__")) {
                topics.row(name, topic.getValue(), name.startsWith(Topics.DATASET_SPLIT_PREFIX) ? "dataset" : "");
            }
        }
        topics.print(out, 2);
        if (!missing.isEmpty()) {
            out.println("  missing contract topics: " + String.join(", ", missing));
        }
        out.println();
        return missing.isEmpty();
    }

    private boolean reportPostgres(PrintWriter out) {
        PostgresProbe.Result result =
                new PostgresProbe(database.url(), database.user(), database.password(), timeout).probe();
        if (result instanceof PostgresProbe.Reachable up) {
            out.println("PostgreSQL  " + database.url() + "  reachable as " + database.user() + " (PostgreSQL "
                    + up.version() + ", schemas: "
                    + (up.schemas().isEmpty() ? "none yet" : String.join(", ", up.schemas())) + ")");
            out.println();
            return true;
        }
        out.println(
                "PostgreSQL  " + database.url() + "  UNREACHABLE: " + ((PostgresProbe.Unreachable) result).reason());
        out.println();
        return false;
    }

    private void reportServices(PrintWriter out) {
        HealthProbe health = new HealthProbe(timeout);
        Table services = new Table("service", "url", "ready");
        for (PipelineService service : PipelineService.values()) {
            HealthProbe.Readiness readiness = health.ready(service.baseUrl());
            services.row(
                    service.moduleName(),
                    service.baseUrl(),
                    switch (readiness) {
                        case READY -> "yes";
                        case NOT_READY -> "no (answers, not ready)";
                        case NOT_RUNNING -> "not running";
                    });
        }
        out.println("Services");
        services.print(out, 2);
    }
}
