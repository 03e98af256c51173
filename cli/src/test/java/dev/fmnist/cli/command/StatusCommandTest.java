package dev.fmnist.cli.command;

import dev.fmnist.cli.CliRun;
import dev.fmnist.contracts.Topics;
import dev.fmnist.platform.FreePorts;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.testing.SharedTestPlatform;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {

    @Test
    void aRunningPlatformIsReportedWithEveryContractTopicAndExitsZero() {
        PlatformEndpoints platform = SharedTestPlatform.get();

        CliRun run = CliRun.of(
                "status",
                "--bootstrap-servers",
                platform.bootstrapServers(),
                "--db-url",
                platform.jdbcUrl(),
                "--db-user",
                platform.username(),
                "--db-password",
                platform.password(),
                "--timeout",
                "PT2S");

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("Kafka       " + platform.bootstrapServers() + "  reachable")
                .contains("PostgreSQL  " + platform.jdbcUrl() + "  reachable as fmnist")
                .doesNotContain("MISSING");
        for (String topic : Topics.FIXED) {
            assertThat(run.out()).containsPattern(topic.replace(".", "\\.") + "\\s+\\d+\\s+contract");
        }
        assertThat(run.out()).containsPattern("ingest-service\\s+http://localhost:8081");
    }

    @Test
    void nothingRunningIsReportedAsUnreachableAndExitsOne() {
        int[] ports = FreePorts.pick(2);

        CliRun run = CliRun.of(
                "status",
                "--bootstrap-servers",
                "localhost:" + ports[0],
                "--db-url",
                "jdbc:postgresql://localhost:" + ports[1] + "/fmnist",
                "--timeout",
                "PT1S");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("Kafka       localhost:" + ports[0] + "  UNREACHABLE")
                .contains("./fmnist up")
                .contains("PostgreSQL  jdbc:postgresql://localhost:" + ports[1] + "/fmnist  UNREACHABLE");
    }
}
