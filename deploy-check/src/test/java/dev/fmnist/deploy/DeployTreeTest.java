package dev.fmnist.deploy;

import dev.fmnist.deploy.kustomize.Kustomize;
import dev.fmnist.deploy.rules.DeploymentRules;
import dev.fmnist.deploy.validation.SchemaValidator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Kustomize build under deploy/ (every folder holding a kustomization.yaml) renders, every object it holds is
 * valid against its schema, and the build meets the deployment policy ({@link DeploymentRules}). One test per build;
 * a failure lists every problem of the build.
 */
class DeployTreeTest {

    /**
     * The Secrets each build may refer to without holding them (Strimzi's KafkaUser Secrets and cluster CA,
     * CloudNativePG's application user, the operator's promotion key). Where a build holds the Kafka or the Cluster,
     * the rules also check that the Secret is one they make.
     */
    static Set<String> externalSecrets(String build) {
        return DeploymentRules.EXTERNAL_SECRETS;
    }

    @Test
    void deployHoldsTheBuilds() {
        assertThat(Repo.builds()).contains("base").anyMatch(b -> b.startsWith("overlays/"));
    }

    @TestFactory
    Stream<DynamicTest> everyBuildRendersValidatesAndMeetsThePolicy() {
        return Repo.builds().stream()
                .map(build -> DynamicTest.dynamicTest(build, () -> {
                    List<Map<String, Object>> objects =
                            Kustomize.build(Repo.deploy().resolve(build));
                    List<String> problems = new ArrayList<>(SchemaValidator.validate(build, objects));
                    problems.addAll(DeploymentRules.check(build, objects, externalSecrets(build)));
                    assertThat(problems)
                            .as("%s: %d problems:%n  %s", build, problems.size(), String.join("\n  ", problems))
                            .isEmpty();
                }));
    }
}
