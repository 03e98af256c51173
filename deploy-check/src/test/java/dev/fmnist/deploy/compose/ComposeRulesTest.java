package dev.fmnist.deploy.compose;

import dev.fmnist.deploy.Repo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ComposeRules} on a fixture that breaks each rule once, next to entries that meet them. */
class ComposeRulesTest {

    @Test
    void everyBrokenRuleIsReportedAndNothingElse() {
        assertThat(ComposeRules.check(Repo.root().resolve("deploy-check/src/test/resources/compose/bad-compose.yml")))
                .containsExactlyInAnyOrder(
                        "bad: ports-on-localhost: port 9092:9092 is published on every interface, not on 127.0.0.1",
                        "bad: ports-on-localhost: port 8080 is published on every interface, not on 127.0.0.1",
                        "bad: ports-on-localhost: port 0.0.0.0:5432:5432 is published on 0.0.0.0, not on 127.0.0.1",
                        "bad: memory-limit: no mem_limit (nor deploy.resources.limits.memory)",
                        "bad: no-literal-passwords: DB_PASSWORD is a literal (give it as ${VAR} from .env)");
    }
}
