package dev.fmnist.deploy.compose;

import dev.fmnist.deploy.Repo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's docker-compose.yml: {@code docker-compose config -q} accepts it (where docker-compose is on the
 * PATH; CI installs Debian's docker-compose). {@link ComposePolicyTest} holds it to {@link ComposeRules}.
 */
class ComposeFileTest {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Za-z0-9_]+):?\\?");

    @Test
    void dockerComposeConfigAcceptsItWhenDockerComposeIsOnThePath() throws IOException, InterruptedException {
        assumeTrue(
                Repo.onPath("docker-compose"), "docker-compose is not on the PATH: `docker-compose config -q` not run");
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "config", "-q")
                .directory(Repo.root().toFile())
                .redirectErrorStream(true);
        // variables the file requires (${VAR:?message}) come from .env on a real machine: give them a stand-in
        Matcher m = REQUIRED.matcher(Files.readString(Repo.root().resolve("docker-compose.yml")));
        Map<String, String> env = pb.environment();
        while (m.find()) {
            env.putIfAbsent(m.group(1), "set-by-deploy-check");
        }
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q: %s", out).isZero();
    }
}
