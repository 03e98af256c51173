package dev.fmnist.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FmnistCliTest {

    @Test
    void helpListsEveryCommandWithItsOneLineSummaryAndTheEnvironment() {
        CliRun run = CliRun.of("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("Usage: fmnist")
                .containsPattern("up\\s+Start Kafka and PostgreSQL in the foreground")
                .containsPattern("status\\s+Show what runs")
                .contains("KAFKA_BOOTSTRAP_SERVERS", "FMNIST_DB_URL", "localhost:9092");
    }

    @Test
    void withoutACommandItPrintsTheUsage() {
        CliRun run = CliRun.of();

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: fmnist", "Commands:");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithStatusTwo() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void subcommandHelpShowsItsOptionsAndDefaults() {
        CliRun run = CliRun.of("help", "status");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--bootstrap-servers", "--db-url", "--timeout", "/q/health/ready");
    }
}
