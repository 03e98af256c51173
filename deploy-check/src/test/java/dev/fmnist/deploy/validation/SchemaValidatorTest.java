package dev.fmnist.deploy.validation;

import dev.fmnist.deploy.Repo;
import dev.fmnist.deploy.kustomize.Kustomize;
import dev.fmnist.deploy.kustomize.Yamls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline schema check: valid objects of every kind it knows pass (the Kubernetes model, Strimzi's model on the
 * same fabric8 version, our KEDA and CloudNativePG rules); an unknown field, a wrong type, a bad quantity, a missing
 * required field or an unknown kind fails with the path of the field.
 */
class SchemaValidatorTest {

    private List<Map<String, Object>> objects;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void load() {
        objects = new ArrayList<>();
        for (String file : List.of("rules/good.yaml", "validation/valid.yaml")) {
            for (Object doc : Yamls.loadAll(
                    Repo.root().resolve("deploy-check/src/test/resources").resolve(file))) {
                objects.add((Map<String, Object>) doc);
            }
        }
    }

    @Test
    void validObjectsOfEveryKnownKindPass() {
        assertThat(objects.stream().map(o -> o.get("apiVersion") + "/" + Kustomize.kind(o)))
                .contains(
                        "apps/v1/Deployment",
                        "kafka.strimzi.io/v1beta2/Kafka",
                        "kafka.strimzi.io/v1beta2/KafkaUser",
                        "kafka.strimzi.io/v1beta2/KafkaTopic",
                        "kafka.strimzi.io/v1beta2/KafkaNodePool",
                        "keda.sh/v1alpha1/ScaledObject",
                        "postgresql.cnpg.io/v1/Cluster");
        assertThat(SchemaValidator.validate("fixture", objects)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnknownFieldIsReportedWithItsPath() {
        Map<String, Object> container = container();
        container.put("resourcse", container.remove("resources"));
        Map<String, Object> topicSpec =
                (Map<String, Object>) find("KafkaTopic", "fmnist.models").get("spec");
        topicSpec.put("partitons", topicSpec.remove("partitions"));
        assertThat(SchemaValidator.validate("fixture", objects))
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: spec.template.spec.containers[0].resourcse: unknown field",
                        "fixture: KafkaTopic/fmnist.models: spec.partitons: unknown field");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWrongTypeFails() {
        ((Map<String, Object>) find("Deployment", "inference-service").get("spec")).put("replicas", "two");
        assertThat(SchemaValidator.validate(find("Deployment", "inference-service")))
                .singleElement()
                .asString()
                .startsWith(
                        "spec.replicas: does not match the Deployment schema: Cannot coerce String value (\"two\") to"
                                + " `java.lang.Integer`");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNumberWhereKubernetesWantsAStringFails() {
        ((List<Object>) container().get("env")).add(new java.util.LinkedHashMap<>(Map.of("name", "N", "value", 40)));
        assertThat(SchemaValidator.validate(find("Deployment", "inference-service")))
                .singleElement()
                .asString()
                .startsWith("spec.template.spec.containers[0].env[4].value: does not match the Deployment schema:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aQuantityThatDoesNotParseFails() {
        ((Map<String, Object>) ((Map<String, Object>) container().get("resources")).get("limits")).put("memory", "4GB");
        assertThat(SchemaValidator.validate(find("Deployment", "inference-service")))
                .containsExactly("spec.template.spec.containers[0].resources.limits[memory]: '4GB' is not a Kubernetes"
                        + " quantity");
    }

    @Test
    @SuppressWarnings("unchecked")
    void requiredFieldsAreChecked() {
        container().remove("image");
        ((Map<String, Object>) find("Service", "inference-service").get("spec")).remove("ports");
        assertThat(SchemaValidator.validate("fixture", objects))
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: spec.template.spec.containers[0].image: required",
                        "fixture: Service/inference-service: spec.ports: required (a Service with no ports)");
    }

    @Test
    void anUnknownKindFails() {
        Map<String, Object> obj =
                Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "w"));
        assertThat(SchemaValidator.validate(obj))
                .containsExactly("unknown apiVersion/kind example.com/v1/Widget (not a kind this check knows; add it to"
                        + " SchemaValidator or OperatorKinds)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kedaAndCloudNativePgAreCheckedByOurRules() {
        Map<String, Object> so = find("ScaledObject", "inference-service");
        Map<String, Object> trigger =
                ((List<Map<String, Object>>) ((Map<String, Object>) so.get("spec")).get("triggers")).get(0);
        Map<String, Object> md = (Map<String, Object>) trigger.get("metadata");
        md.remove("consumerGroup");
        md.put("lagThreshold", 500);
        md.put("lagTreshold", "500");
        Map<String, Object> cluster =
                (Map<String, Object>) find("Cluster", "fmnist-db").get("spec");
        cluster.remove("storage");
        cluster.put("instance", 3);
        assertThat(SchemaValidator.validate("fixture", objects))
                .containsExactlyInAnyOrder(
                        "fixture: ScaledObject/inference-service: spec.triggers[0].metadata.lagThreshold: must be a string"
                                + " (KEDA's metadata is string to string)",
                        "fixture: ScaledObject/inference-service: spec.triggers[0].metadata.lagTreshold: must be a string"
                                .replace(": must be a string", ": unknown field"),
                        "fixture: ScaledObject/inference-service: spec.triggers[0].metadata.consumerGroup: required for the"
                                + " kafka scaler",
                        "fixture: Cluster/fmnist-db: spec.instance: unknown field",
                        "fixture: Cluster/fmnist-db: spec.storage.size: required, a quantity string");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> container() {
        return ((List<Map<String, Object>>) Kustomize.podSpec(find("Deployment", "inference-service"))
                        .get("containers"))
                .get(0);
    }

    private Map<String, Object> find(String kind, String name) {
        return objects.stream()
                .filter(o -> Kustomize.kind(o).equals(kind) && Objects.equals(Kustomize.name(o), name))
                .findFirst()
                .orElseThrow();
    }
}
