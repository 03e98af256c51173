package dev.fmnist.deploy.validation;

import dev.fmnist.deploy.kustomize.Kustomize;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KEDA ({@code keda.sh/v1alpha1} ScaledObject, TriggerAuthentication) and CloudNativePG ({@code postgresql.cnpg.io/v1}
 * Cluster) publish no Java model: they are checked as plain maps by our own rules, not against their CRD schemas. The
 * rules: the fields a deployment needs are there and of the right type, and the top-level spec fields (and a
 * trigger's fields) are ones the CRD has.
 */
final class OperatorKinds {

    private static final Set<String> SCALED_OBJECT_SPEC = Set.of(
            "scaleTargetRef",
            "pollingInterval",
            "cooldownPeriod",
            "initialCooldownPeriod",
            "idleReplicaCount",
            "minReplicaCount",
            "maxReplicaCount",
            "fallback",
            "advanced",
            "triggers");
    private static final Set<String> TRIGGER =
            Set.of("type", "name", "metadata", "authenticationRef", "metricType", "useCachedMetrics");
    private static final Set<String> KAFKA_TRIGGER_METADATA = Set.of(
            "bootstrapServers",
            "consumerGroup",
            "topic",
            "lagThreshold",
            "activationLagThreshold",
            "offsetResetPolicy",
            "allowIdleConsumers",
            "excludePersistentLag",
            "scaleToZeroOnInvalidOffset",
            "limitToPartitionsWithLag",
            "ensureEvenDistributionOfPartitions",
            "partitionLimitation",
            "version",
            "sasl",
            "saslType",
            "tls",
            "unsafeSsl");
    private static final Set<String> TRIGGER_AUTHENTICATION_SPEC =
            Set.of("secretTargetRef", "env", "hashiCorpVault", "azureKeyVault", "podIdentity", "configMapTargetRef");
    private static final Set<String> CLUSTER_SPEC = Set.of(
            "description",
            "inheritedMetadata",
            "imageName",
            "imageCatalogRef",
            "imagePullPolicy",
            "imagePullSecrets",
            "schedulerName",
            "postgresUID",
            "postgresGID",
            "instances",
            "minSyncReplicas",
            "maxSyncReplicas",
            "postgresql",
            "replicationSlots",
            "bootstrap",
            "replica",
            "superuserSecret",
            "enableSuperuserAccess",
            "certificates",
            "storage",
            "walStorage",
            "serviceAccountTemplate",
            "ephemeralVolumeSource",
            "ephemeralVolumesSizeLimit",
            "startDelay",
            "stopDelay",
            "smartShutdownTimeout",
            "switchoverDelay",
            "failoverDelay",
            "livenessProbeTimeout",
            "affinity",
            "topologySpreadConstraints",
            "resources",
            "priorityClassName",
            "primaryUpdateStrategy",
            "primaryUpdateMethod",
            "backup",
            "nodeMaintenanceWindow",
            "monitoring",
            "externalClusters",
            "logLevel",
            "projectedVolumeTemplate",
            "env",
            "envFrom",
            "managed",
            "seccompProfile",
            "tablespaces",
            "enablePDB",
            "plugins",
            "probes",
            "podSecurityContext",
            "securityContext");

    private OperatorKinds() {}

    static boolean handles(String apiVersion, String kind) {
        return (apiVersion.equals("keda.sh/v1alpha1")
                        && (kind.equals("ScaledObject") || kind.equals("TriggerAuthentication")))
                || (apiVersion.equals("postgresql.cnpg.io/v1") && kind.equals("Cluster"));
    }

    static List<String> validate(Map<String, Object> obj) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> spec = Kustomize.child(obj, "spec");
        if (spec == null) {
            problems.add("spec: required");
            return problems;
        }
        switch (Kustomize.kind(obj)) {
            case "ScaledObject" -> scaledObject(spec, problems);
            case "TriggerAuthentication" -> known(spec, TRIGGER_AUTHENTICATION_SPEC, "spec", problems);
            default -> cluster(spec, problems);
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void scaledObject(Map<String, Object> spec, List<String> problems) {
        known(spec, SCALED_OBJECT_SPEC, "spec", problems);
        Map<String, Object> target = Kustomize.child(spec, "scaleTargetRef");
        if (target == null || !(target.get("name") instanceof String)) {
            problems.add("spec.scaleTargetRef.name: required");
        }
        Object min = spec.get("minReplicaCount");
        Object max = spec.get("maxReplicaCount");
        if (!(min instanceof Integer) || (Integer) min < 0) {
            problems.add("spec.minReplicaCount: required, an integer >= 0");
        }
        if (!(max instanceof Integer) || (Integer) max < 1) {
            problems.add("spec.maxReplicaCount: required, an integer >= 1");
        } else if (min instanceof Integer mi && mi > (Integer) max) {
            problems.add("spec.minReplicaCount is above spec.maxReplicaCount");
        }
        if (!(spec.get("triggers") instanceof List<?> triggers) || triggers.isEmpty()) {
            problems.add("spec.triggers: required");
            return;
        }
        boolean kafka = false;
        for (int i = 0; i < triggers.size(); i++) {
            String path = "spec.triggers[" + i + "]";
            if (!(triggers.get(i) instanceof Map<?, ?> t)) {
                problems.add(path + ": not a mapping");
                continue;
            }
            Map<String, Object> trigger = (Map<String, Object>) t;
            known(trigger, TRIGGER, path, problems);
            Map<String, Object> metadata = Kustomize.child(trigger, "metadata");
            if (metadata == null) {
                problems.add(path + ".metadata: required");
                continue;
            }
            metadata.forEach((k, v) -> {
                if (!(v instanceof String)) {
                    problems.add(path + ".metadata." + k + ": must be a string (KEDA's metadata is string to string)");
                }
            });
            if ("kafka".equals(trigger.get("type"))) {
                kafka = true;
                known(metadata, KAFKA_TRIGGER_METADATA, path + ".metadata", problems);
                for (String key : List.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold")) {
                    if (metadata.get(key) == null
                            || String.valueOf(metadata.get(key)).isBlank()) {
                        problems.add(path + ".metadata." + key + ": required for the kafka scaler");
                    }
                }
            }
        }
        if (!kafka) {
            problems.add("spec.triggers: no trigger of type kafka");
        }
    }

    private static void cluster(Map<String, Object> spec, List<String> problems) {
        known(spec, CLUSTER_SPEC, "spec", problems);
        if (!(spec.get("instances") instanceof Integer n) || n < 1) {
            problems.add("spec.instances: required, an integer >= 1");
        }
        Object size = Kustomize.child(spec, "storage") == null
                ? null
                : Kustomize.child(spec, "storage").get("size");
        if (!(size instanceof String s)) {
            problems.add("spec.storage.size: required, a quantity string");
        } else {
            try {
                Quantity.getAmountInBytes(new Quantity(s));
            } catch (RuntimeException e) {
                problems.add("spec.storage.size: '" + s + "' is not a Kubernetes quantity");
            }
        }
        Map<String, Object> initdb = Kustomize.child(Kustomize.child(spec, "bootstrap"), "initdb");
        for (String key : List.of("database", "owner")) {
            if (initdb == null || !(initdb.get(key) instanceof String)) {
                problems.add("spec.bootstrap.initdb." + key + ": required");
            }
        }
    }

    private static void known(Map<String, Object> map, Set<String> fields, String path, List<String> problems) {
        for (String key : map.keySet()) {
            if (!fields.contains(key)) {
                problems.add(path + "." + key + ": unknown field");
            }
        }
    }
}
