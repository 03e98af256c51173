package dev.fmnist.deploy.rules;

import dev.fmnist.deploy.Repo;
import dev.fmnist.deploy.kustomize.Kustomize;
import dev.fmnist.deploy.kustomize.Yamls;
import dev.fmnist.platform.kafka.ContractTopics;
import dev.fmnist.platform.kafka.TopicSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of {@link DeploymentRules} on a fixture: a build that meets every rule (rules/good.yaml plus a KafkaTopic
 * per contract topic) has no problem, and breaking one thing gives the message that names the object and the rule.
 */
class DeploymentRulesTest {

    private List<Map<String, Object>> build;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void goodBuild() {
        build = new ArrayList<>();
        for (Object doc : Yamls.loadAll(Repo.root().resolve("deploy-check/src/test/resources/rules/good.yaml"))) {
            build.add((Map<String, Object>) doc);
        }
        for (TopicSpec t : ContractTopics.ALL) {
            build.add(topic(t.name(), ContractTopicsView.partitions(t.name()), t.retentionMs()));
        }
    }

    private List<String> problems() {
        return DeploymentRules.check("fixture", build);
    }

    @Test
    void aBuildMeetingEveryRuleHasNoProblem() {
        assertThat(problems()).isEmpty();
    }

    @Test
    void aContainerWithoutLimitsFails() {
        resources().remove("limits");
        assertThat(problems())
                .contains(
                        "fixture: Deployment/inference-service: resources: containers/inference-service has no cpu limits",
                        "fixture: Deployment/inference-service: resources: containers/inference-service has no memory limits");
    }

    @Test
    void aMissingProbeAProbeOnAnUndeclaredPortAndAPathOutsideHealthFail() {
        container().remove("startupProbe");
        probe("readinessProbe").put("port", "management");
        probe("livenessProbe").put("path", "/alive");
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: probes: containers/inference-service has no startupProbe",
                        "fixture: Deployment/inference-service: probes: containers/inference-service readinessProbe probes"
                                + " port management, which the container does not declare",
                        "fixture: Deployment/inference-service: probes: containers/inference-service livenessProbe path"
                                + " /alive is not under /q/health");
    }

    @Test
    void aWritableRootFileSystemPrivilegeEscalationAndMissingSeccompFail() {
        Map<String, Object> sc = map(container(), "securityContext");
        sc.put("readOnlyRootFilesystem", false);
        sc.remove("allowPrivilegeEscalation");
        map(podSpec(), "securityContext").remove("seccompProfile");
        map(podSpec(), "securityContext").remove("runAsNonRoot");
        map(sc, "capabilities").put("drop", List.of("NET_RAW"));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: security-context: containers/inference-service:"
                                + " runAsNonRoot is not true",
                        "fixture: Deployment/inference-service: security-context: containers/inference-service:"
                                + " readOnlyRootFilesystem is not true",
                        "fixture: Deployment/inference-service: security-context: containers/inference-service:"
                                + " allowPrivilegeEscalation is not false",
                        "fixture: Deployment/inference-service: security-context: containers/inference-service:"
                                + " capabilities do not drop ALL",
                        "fixture: Deployment/inference-service: security-context: containers/inference-service:"
                                + " seccompProfile is not RuntimeDefault");
    }

    @Test
    void aMountedServiceAccountTokenFails() {
        find("ServiceAccount", "inference-service").remove("automountServiceAccountToken");
        assertThat(problems())
                .containsExactly("fixture: Deployment/inference-service: no-service-account-token:"
                        + " automountServiceAccountToken is not false (pod spec or ServiceAccount inference-service)");
        podSpec().put("automountServiceAccountToken", false);
        assertThat(problems()).isEmpty();
    }

    @Test
    void aSecretSetByALiteralValueFailsButALocationDoesNot() {
        env().add(new LinkedHashMap<>(Map.of("name", "QUARKUS_DATASOURCE_PASSWORD", "value", "fmnist")));
        env().add(new LinkedHashMap<>(Map.of("name", "KAFKA_SSL_KEYSTORE_TYPE", "value", "PEM")));
        assertThat(problems())
                .containsExactly(
                        "fixture: Deployment/inference-service: secrets-from-secrets: containers/inference-service"
                                + " sets QUARKUS_DATASOURCE_PASSWORD by a literal value (it must come from a secretKeyRef or a"
                                + " mounted Secret)");
    }

    @Test
    void aSecretWithLiteralDataFails() {
        build.add(
                Yamls.loadAll("{apiVersion: v1, kind: Secret, metadata: {name: fmnist-db}, data: {password: Zm1uaXN0}}")
                        .stream()
                        .map(DeploymentRulesTest::asMap)
                        .findFirst()
                        .orElseThrow());
        assertThat(problems())
                .containsExactly(
                        "fixture: Secret/fmnist-db: no-literal-secrets: a Secret with literal data (secrets come"
                                + " from the cluster, Strimzi, CloudNativePG or the operator)");
    }

    @Test
    void referencesThatDoNotResolveFail() {
        ports(find("Service", "inference-service")).get(0).put("targetPort", "web");
        mounts().add(new LinkedHashMap<>(Map.of("name", "cache", "mountPath", "/cache")));
        Map<String, Object> ref = map(map(env().get(3), "valueFrom"), "configMapKeyRef");
        ref.put("key", "NO_SUCH_KEY");
        volumes().get(1).put("secret", new LinkedHashMap<>(Map.of("secretName", "somebody-elses")));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: volume-mounts: containers/inference-service mounts volume"
                                + " cache, which the pod does not declare",
                        "fixture: Deployment/inference-service: references: containers/inference-service env"
                                + " KAFKA_BOOTSTRAP_SERVERS refers to key NO_SUCH_KEY of ConfigMap fmnist-config, which it"
                                + " lacks",
                        "fixture: Deployment/inference-service: references: volume kafka-ca refers to Secret"
                                + " somebody-elses, which is neither in the build nor made by its KafkaUsers, Kafka or"
                                + " Cluster, nor an expected external Secret "
                                + new java.util.TreeSet<>(DeploymentRules.EXTERNAL_SECRETS),
                        "fixture: Service/inference-service: service-ports: port 8083 targets web, which"
                                + " Deployment/inference-service does not declare");
    }

    @Test
    void aMissingConfigMapAndAStrimziSecretNoKafkaUserMakesFail() {
        build.remove(find("ConfigMap", "fmnist-config"));
        build.remove(find("KafkaUser", "fmnist-inference"));
        assertThat(problems())
                .contains(
                        "fixture: Deployment/inference-service: references: containers/inference-service envFrom refers"
                                + " to ConfigMap fmnist-config, which the build does not contain",
                        "fixture: Deployment/inference-service: references: containers/inference-service env"
                                + " KAFKA_SASL_JAAS_CONFIG refers to Secret fmnist-inference, which no KafkaUser, Kafka"
                                + " or Cluster of the build makes",
                        "fixture: KafkaUser: acls-match-service: no KafkaUser fmnist-inference for inference-service");
    }

    @Test
    void aServiceSelectingNothingFails() {
        map(map(find("Service", "inference-service"), "spec"), "selector").put("app.kubernetes.io/name", "nobody");
        assertThat(problems())
                .containsExactly("fixture: Service/inference-service: service-selects: selector"
                        + " {app.kubernetes.io/name=nobody} matches no workload of the build");
    }

    @Test
    void aDeploymentWithoutBudgetOrNetworkPolicyAndABuildWithoutDefaultDenyFail() {
        build.remove(find("PodDisruptionBudget", "inference-service"));
        build.remove(find("NetworkPolicy", "inference-service"));
        build.remove(find("NetworkPolicy", "default-deny"));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: pdb: no PodDisruptionBudget selects it",
                        "fixture: Deployment/inference-service: network-policy: no NetworkPolicy selects it and allows it"
                                + " some traffic",
                        "fixture: NetworkPolicy: default-deny: no NetworkPolicy that selects every pod (or every"
                                + " Deployment of the build) and allows no ingress and no egress");
    }

    @Test
    @SuppressWarnings("unchecked")
    void policiesMaySelectByExpressionAndDenyOnlyTheBuildsDeployments() {
        Map<String, Object> expression = new LinkedHashMap<>(Map.of(
                "matchExpressions",
                new ArrayList<>(List.of(Map.of(
                        "key", "app.kubernetes.io/name", "operator", "In", "values", List.of("inference-service"))))));
        map(find("NetworkPolicy", "default-deny"), "spec").put("podSelector", expression);
        map(find("NetworkPolicy", "inference-service"), "spec").put("podSelector", expression);
        assertThat(problems()).isEmpty();
        ((List<Map<String, Object>>) expression.get("matchExpressions"))
                .set(
                        0,
                        Map.of(
                                "key",
                                "app.kubernetes.io/name",
                                "operator",
                                "NotIn",
                                "values",
                                List.of("inference-service")));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: network-policy: no NetworkPolicy selects it and allows it"
                                + " some traffic",
                        "fixture: NetworkPolicy: default-deny: no NetworkPolicy that selects every pod (or every"
                                + " Deployment of the build) and allows no ingress and no egress");
    }

    @Test
    void aLiteralNamingAFileOfAMountedSecretIsTheSecret() {
        env().add(new LinkedHashMap<>(
                Map.of("name", "KAFKA_SSL_KEYSTORE_KEY", "value", "file:/etc/fmnist/kafka-ca/user.key")));
        assertThat(problems()).isEmpty();
        env().add(new LinkedHashMap<>(Map.of("name", "KAFKA_SSL_KEY_PASSWORD", "value", "/tmp/elsewhere")));
        assertThat(problems())
                .containsExactly(
                        "fixture: Deployment/inference-service: secrets-from-secrets: containers/inference-service"
                                + " sets KAFKA_SSL_KEY_PASSWORD by a literal value (it must come from a secretKeyRef or a"
                                + " mounted Secret)");
    }

    @Test
    void aPrefixGroupAclCoversTheGroupsItPrefixes() {
        List<Map<String, Object>> acls = acls(find("KafkaUser", "fmnist-inference"));
        acls.set(1, acl("group", "inference", "prefix", "Read"));
        assertThat(problems()).isEmpty();
    }

    @Test
    void topicsMustBeTheContractsWithItsPartitionsAndRetention() {
        build.remove(find("KafkaTopic", "fmnist.alerts"));
        map(find("KafkaTopic", "fmnist.predictions"), "spec").put("partitions", 2);
        map(map(find("KafkaTopic", "fmnist.models"), "spec"), "config").put("retention.ms", 604800000L);
        build.add(topic("fmnist.scratch", 1, -1));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: KafkaTopic: topics-match-contract: no KafkaTopic for contract topic fmnist.alerts",
                        "fixture: KafkaTopic/fmnist.predictions: topics-match-contract: partitions 2, the contract says 4",
                        "fixture: KafkaTopic/fmnist.models: topics-match-contract: retention.ms 604800000, the contract"
                                + " says -1",
                        "fixture: KafkaTopic/fmnist.scratch: topics-match-contract: topic fmnist.scratch is not a"
                                + " contract topic");
    }

    @Test
    void onlyTrainingWritesModelsAndEveryUserHasWhatItsServiceNamesNoMore() {
        List<Map<String, Object>> acls = acls(find("KafkaUser", "fmnist-inference"));
        acls.remove(1); // the group
        acls.add(acl("topic", "fmnist.models", "literal", "Write"));
        acls.add(acl("topic", "fmnist.datasets", "literal", "Read"));
        acls.removeIf(a -> "fmnist.rejected".equals(map(a, "resource").get("name")));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: KafkaUser/fmnist-inference: only-training-writes-models: may write fmnist.models",
                        "fixture: KafkaUser/fmnist-inference: acls-match-service: no Read on group inference-service of"
                                + " inference-service's channel images",
                        "fixture: KafkaUser/fmnist-inference: acls-match-service: cannot Write fmnist.rejected, which"
                                + " inference-service writes",
                        "fixture: KafkaUser/fmnist-inference: acls-match-service: may Write fmnist.models, which"
                                + " inference-service does not write",
                        "fixture: KafkaUser/fmnist-inference: acls-match-service: may Read fmnist.datasets, which"
                                + " inference-service does not read");
    }

    @Test
    void aPrefixAclOnModelsCountsAsWritingThem() {
        acls(find("KafkaUser", "fmnist-inference")).add(acl("topic", "fmnist.", "prefix", "All"));
        assertThat(problems())
                .containsExactly(
                        "fixture: KafkaUser/fmnist-inference: only-training-writes-models: may write fmnist.models");
    }

    @Test
    void inferenceScalesWithinItsPartitionsOnItsOwnTopicAndGroup() {
        Map<String, Object> spec = map(find("ScaledObject", "inference-service"), "spec");
        spec.put("maxReplicaCount", 8);
        Map<String, Object> md =
                map(acls(find("ScaledObject", "inference-service"), "triggers").get(0), "metadata");
        md.put("consumerGroup", "inference");
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: ScaledObject/inference-service: replicas-within-partitions: maxReplicaCount 8 is above"
                                + " the 4 partitions of fmnist.images.input",
                        "fixture: ScaledObject/inference-service: scaler-matches-service: the kafka trigger's"
                                + " consumerGroup inference is not inference-service's images group inference-service");
    }

    @Test
    void aScalerAuthenticationThatIsMissingFails() {
        Map<String, Object> trigger =
                acls(find("ScaledObject", "inference-service"), "triggers").get(0);
        trigger.put("authenticationRef", new LinkedHashMap<>(Map.of("name", "kafka-inference")));
        assertThat(problems())
                .containsExactly(
                        "fixture: ScaledObject/inference-service: references: authenticationRef kafka-inference"
                                + " names no TriggerAuthentication of the build");
        build.add(asMap(Yamls.loadAll("{apiVersion: keda.sh/v1alpha1, kind: TriggerAuthentication, metadata: {name:"
                        + " kafka-inference}, spec: {secretTargetRef: [{parameter: password, name: fmnist-inference, key:"
                        + " password}, {parameter: ca, name: nobodys-ca, key: ca.crt}]}}")
                .get(0)));
        assertThat(problems())
                .containsExactly(
                        "fixture: TriggerAuthentication/kafka-inference: references: secretTargetRef ca refers to"
                                + " Secret nobodys-ca, which is neither in the build nor made by its KafkaUsers, Kafka or"
                                + " Cluster, nor an expected external Secret "
                                + new java.util.TreeSet<>(DeploymentRules.EXTERNAL_SECRETS));
    }

    @Test
    void anHpaBesideTheScaledObjectOrAboveThePartitionsFails() {
        build.add(asMap(Yamls.loadAll("{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name:"
                        + " inference-service}, spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name:"
                        + " inference-service}, minReplicas: 1, maxReplicas: 6}}")
                .get(0)));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: HorizontalPodAutoscaler/inference-service: one-autoscaler: ScaledObject/inference-service"
                                + " scales inference-service too (KEDA makes its own HorizontalPodAutoscaler)",
                        "fixture: HorizontalPodAutoscaler/inference-service: replicas-within-partitions: maxReplicas 6 is"
                                + " above the 4 partitions of fmnist.images.input");
    }

    @Test
    void theGpuBuildPutsTrainingOnAGpuNodeWithTheCudaImage() {
        assertThat(DeploymentRules.check("overlays/gpu", build))
                .containsExactly(
                        "overlays/gpu: Deployment/training-service: gpu: the gpu build has no training-service");
        Map<String, Object> training =
                asMap(Yamls.loadAll(Yamls.dumpAll(List.of(find("Deployment", "inference-service"))))
                        .get(0));
        map(training, "metadata").put("name", "training-service");
        build.add(training);
        assertThat(DeploymentRules.check("overlays/gpu", build))
                .contains(
                        "overlays/gpu: Deployment/training-service: gpu: no nvidia.com/gpu limit",
                        "overlays/gpu: Deployment/training-service: gpu: no nodeSelector",
                        "overlays/gpu: Deployment/training-service: gpu: no toleration for nvidia.com/gpu",
                        "overlays/gpu: Deployment/training-service: gpu: image"
                                + " fmnist/inference-service:0.1.0-SNAPSHOT does not end in -cuda");
    }

    @Test
    void theIngressRoutesToEvaluationAndNeverUnderQ() {
        build.add(asMap(Yamls.loadAll("{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: dashboard},"
                        + " spec: {rules: [{http: {paths: [{path: /q/metrics, pathType: Prefix, backend: {service: {name:"
                        + " inference-service, port: {number: 8083}}}}]}}]}}")
                .get(0)));
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Ingress/dashboard: ingress: path /q/metrics exposes /q (management endpoints stay"
                                + " inside the cluster)",
                        "fixture: Ingress/dashboard: ingress: does not route to the evaluation-service Service");
    }

    @Test
    void anEnvironmentVariableNoServiceReadsFails() {
        env().add(new LinkedHashMap<>(Map.of("name", "FMNIST_INFERENCE_NO_SUCH_SETTING", "value", "1")));
        map(find("ConfigMap", "fmnist-config"), "data").put("FMNIST_DB_URL", "jdbc:postgresql://db/fmnist");
        assertThat(problems())
                .containsExactlyInAnyOrder(
                        "fixture: Deployment/inference-service: env-is-read: FMNIST_INFERENCE_NO_SUCH_SETTING is set, but"
                                + " inference-service's application.properties neither mentions"
                                + " ${FMNIST_INFERENCE_NO_SUCH_SETTING} nor has a property of that name (nor is it an"
                                + " external prefix " + DeploymentRules.EXTERNAL_ENV_PREFIXES + ")",
                        "fixture: ConfigMap/fmnist-config: env-is-read: key FMNIST_DB_URL is loaded into"
                                + " [inference-service], but none of them reads it");
    }

    @Test
    void aPropertyDeclaredOnlyInAConfigMappingCountsAsRead() {
        // fmnist.inference.artifacts.cache-dir is declared by InferenceConfig, not in application.properties
        env().add(new LinkedHashMap<>(Map.of("name", "FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR", "value", "/tmp/models")));
        assertThat(problems()).isEmpty();
    }

    // --- fixture helpers

    private static Map<String, Object> topic(String name, int partitions, long retentionMs) {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("retention.ms", retentionMs));
        Map<String, Object> spec =
                new LinkedHashMap<>(Map.of("partitions", partitions, "replicas", 3, "config", config));
        Map<String, Object> meta =
                new LinkedHashMap<>(Map.of("name", name, "labels", Map.of("strimzi.io/cluster", "fmnist")));
        return new LinkedHashMap<>(
                Map.of("apiVersion", "kafka.strimzi.io/v1beta2", "kind", "KafkaTopic", "metadata", meta, "spec", spec));
    }

    private static Map<String, Object> acl(String type, String name, String pattern, String operation) {
        return new LinkedHashMap<>(Map.of(
                "resource",
                new LinkedHashMap<>(Map.of("type", type, "name", name, "patternType", pattern)),
                "operations",
                List.of(operation)));
    }

    private Map<String, Object> find(String kind, String name) {
        return build.stream()
                .filter(o -> Kustomize.kind(o).equals(kind) && Objects.equals(Kustomize.name(o), name))
                .findFirst()
                .orElseThrow();
    }

    private Map<String, Object> podSpec() {
        return Kustomize.podSpec(find("Deployment", "inference-service"));
    }

    private Map<String, Object> container() {
        return DeploymentRules.maps(podSpec().get("containers")).get(0);
    }

    private Map<String, Object> resources() {
        return map(container(), "resources");
    }

    private Map<String, Object> probe(String probe) {
        return map(map(container(), probe), "httpGet");
    }

    @SuppressWarnings("unchecked")
    private List<Object> env() {
        return (List<Object>) container().get("env");
    }

    @SuppressWarnings("unchecked")
    private List<Object> mounts() {
        return (List<Object>) container().get("volumeMounts");
    }

    private List<Map<String, Object>> volumes() {
        return DeploymentRules.maps(podSpec().get("volumes"));
    }

    private static List<Map<String, Object>> ports(Map<String, Object> service) {
        return DeploymentRules.maps(map(service, "spec").get("ports"));
    }

    private static List<Map<String, Object>> acls(Map<String, Object> user) {
        return acls(user, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> acls(Map<String, Object> obj, String list) {
        Map<String, Object> spec = map(obj, "spec");
        return (List<Map<String, Object>>)
                (list == null ? map(spec, "authorization").get("acls") : spec.get(list));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object parent, String key) {
        return (Map<String, Object>) ((Map<String, Object>) parent).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
