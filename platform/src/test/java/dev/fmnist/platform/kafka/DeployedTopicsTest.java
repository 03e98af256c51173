package dev.fmnist.platform.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ContractTopics} is the one source of the fixed topics: docker-compose's topic script
 * ({@code deploy/compose/create-topics.sh}) must create exactly the same topics with the same partitions and
 * retention. (Kubernetes takes the KafkaTopic resources of deploy/kafka, which module deploy-check compares.)
 */
class DeployedTopicsTest {

    private static final Pattern CREATE =
            Pattern.compile("^create (\\S+) (\\d+|\"\\$\\{streams}\") \"\\$\\{(\\w+)}\"\\s*$", Pattern.MULTILINE);
    private static final Pattern STREAMS =
            Pattern.compile("^streams=\"\\$\\{FMNIST_STREAM_PARTITIONS:-(\\d+)}\"\\s*$", Pattern.MULTILINE);
    private static final Pattern RETENTION = Pattern.compile("^(\\w+)=retention\\.ms=(-?\\d+)\\s*$", Pattern.MULTILINE);

    @Test
    void theDeploymentScriptCreatesExactlyTheContractTopics() throws IOException {
        String script = Files.readString(projectRoot().resolve("deploy/compose/create-topics.sh"));
        Map<String, Long> retentions = new LinkedHashMap<>();
        Matcher retention = RETENTION.matcher(script);
        while (retention.find()) {
            retentions.put(retention.group(1), Long.parseLong(retention.group(2)));
        }
        Matcher streams = STREAMS.matcher(script);
        assertThat(streams.find())
                .as("the script reads FMNIST_STREAM_PARTITIONS")
                .isTrue();
        assertThat(Integer.parseInt(streams.group(1)))
                .as("the script's default stream partitions")
                .isEqualTo(ContractTopics.DEFAULT_STREAM_PARTITIONS);
        Map<String, String> deployed = new LinkedHashMap<>();
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            deployed.put(
                    create.group(1),
                    (create.group(2).startsWith("\"") ? streams.group(1) : create.group(2))
                            + " partitions, retention.ms="
                            + retentions.get(create.group(3)));
        }
        Map<String, String> contract = new LinkedHashMap<>();
        for (TopicSpec spec : ContractTopics.ALL) {
            contract.put(spec.name(), spec.partitions() + " partitions, retention.ms=" + spec.retentionMs());
        }

        assertThat(deployed).containsExactlyInAnyOrderEntriesOf(contract);
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("the project root (a folder with deploy/) above the working directory")
                .isNotNull();
        return dir;
    }
}
