package dev.fmnist.deploy.compose;

import dev.fmnist.deploy.Repo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's docker-compose.yml meets {@link ComposeRules}. */
class ComposePolicyTest {

    @Test
    void itBindsPortsToLocalhostLimitsMemoryAndHoldsNoLiteralPassword() {
        assertThat(ComposeRules.check(Repo.root().resolve("docker-compose.yml")))
                .isEmpty();
    }
}
