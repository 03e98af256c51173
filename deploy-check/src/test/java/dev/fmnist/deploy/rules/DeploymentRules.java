package dev.fmnist.deploy.rules;

import dev.fmnist.deploy.kustomize.Kustomize;
import dev.fmnist.platform.kafka.ContractTopics;
import dev.fmnist.platform.kafka.TopicSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static dev.fmnist.deploy.kustomize.Kustomize.child;
import static dev.fmnist.deploy.kustomize.Kustomize.kind;
import static dev.fmnist.deploy.kustomize.Kustomize.name;

/**
 * The deployment policy every build under deploy/ must meet (see deploy-check/README.md for the list). Rules are
 * driven by what a build contains: a build without Strimzi kinds is not asked for topics, one without Deployments is
 * not asked for disruption budgets. Every problem names the build, the object (kind/name) and the rule.
 */
public final class DeploymentRules {

    /**
     * Secrets a build may refer to without containing them: made by Strimzi (a KafkaUser's Secret, the cluster CA),
     * by CloudNativePG (the application user) or by the operator (the promotion signing key).
     */
    public static final Set<String> EXTERNAL_SECRETS = Set.of(
            "fmnist-ingest",
            "fmnist-training",
            "fmnist-inference",
            "fmnist-evaluation",
            "fmnist-cluster-ca-cert",
            "fmnist-db-app",
            "fmnist-promotion-key",
            "fmnist-jwt");

    /**
     * Environment-variable prefixes read by something other than the service's application.properties: Quarkus and
     * SmallRye map {@code KAFKA_*}, {@code QUARKUS_*}, {@code MP_JWT_*}, {@code MP_MESSAGING_*} and {@code SMALLRYE_*}
     * onto their properties; {@code JAVA_*} is read by the image's run-java script; {@code OMP_*} and {@code MKL_*}
     * by the native math libraries (OpenMP, oneDNN/MKL).
     */
    public static final List<String> EXTERNAL_ENV_PREFIXES =
            List.of("KAFKA_", "QUARKUS_", "MP_JWT_", "MP_MESSAGING_", "SMALLRYE_", "JAVA_", "OMP_", "MKL_");

    /**
     * Contract topics a service reads with a consumer of its own rather than a SmallRye channel: inference-service's
     * ModelEventFollower reads fmnist.models (assigned partitions, no group).
     */
    static final Map<String, Set<String>> OWN_CLIENT_READS = Map.of("inference-service", Set.of("fmnist.models"));

    /**
     * Contract topics a service writes with a producer of its own: ingest-service's ReplayService replays a split to
     * fmnist.images.input. (The per-dataset split topics are not contract topics: prefix ACLs cover them.)
     */
    static final Map<String, Set<String>> OWN_CLIENT_WRITES = Map.of("ingest-service", Set.of("fmnist.images.input"));

    /** The only service that may write the model registry's topic. */
    static final String MODEL_WRITER = "training-service";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JAAS|KEY).*");
    private static final Pattern NOT_A_SECRET = Pattern.compile("(?i).*_(LOCATION|URL|TYPE|FILE|PATH|DIR)$");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job");

    private final String build;
    private final List<Map<String, Object>> objects;
    private final Set<String> externalSecrets;
    private final List<String> problems = new ArrayList<>();

    private DeploymentRules(String build, List<Map<String, Object>> objects, Set<String> externalSecrets) {
        this.build = build;
        this.objects = objects;
        this.externalSecrets = externalSecrets;
    }

    /**
     * @param buildName the build, e.g. {@code overlays/cpu}; the gpu rules apply to a build whose name ends in gpu
     * @param objects   its rendered objects
     * @return every problem found, empty when the build meets the policy
     */
    public static List<String> check(String buildName, List<Map<String, Object>> objects) {
        return check(buildName, objects, EXTERNAL_SECRETS);
    }

    /** As {@link #check(String, List)}, with the Secrets that may be missing from the build. */
    public static List<String> check(String buildName, List<Map<String, Object>> objects, Set<String> externalSecrets) {
        DeploymentRules rules = new DeploymentRules(buildName, objects, externalSecrets);
        rules.run();
        return List.copyOf(rules.problems);
    }

    private void run() {
        for (Map<String, Object> obj : objects) {
            if (kind(obj).equals("Secret") && (hasEntries(obj.get("data")) || hasEntries(obj.get("stringData")))) {
                report(
                        obj,
                        "no-literal-secrets",
                        "a Secret with literal data (secrets come from the cluster, "
                                + "Strimzi, CloudNativePG or the operator)");
            }
            Map<String, Object> pod = Kustomize.podSpec(obj);
            if (pod != null && WORKLOADS.contains(kind(obj))) {
                workload(obj, pod);
            }
            switch (kind(obj)) {
                case "Service" -> service(obj);
                case "PodDisruptionBudget" -> selects(obj, selector(child(obj, "spec"), "selector"), "pdb-selects");
                case "HorizontalPodAutoscaler" -> hpa(obj);
                case "ScaledObject" -> scaledObject(obj);
                case "Ingress" -> ingress(obj);
                case "TriggerAuthentication" -> {
                    for (Map<String, Object> ref : maps(child(obj, "spec").get("secretTargetRef"))) {
                        secretExists(obj, "secretTargetRef " + ref.get("parameter"), ref.get("name"));
                    }
                }
                default -> {}
            }
        }
        budgetsAndPolicies();
        topics();
        users();
        gpu();
        ServiceEnvironment.check(build, objects, problems);
    }

    // --- workloads

    @SuppressWarnings("unchecked")
    private void workload(Map<String, Object> obj, Map<String, Object> pod) {
        Map<String, Object> spec = child(obj, "spec");
        if (!kind(obj).equals("Job")) {
            Map<String, Object> match = selector(spec, "selector");
            Map<String, Object> labels = podLabels(obj);
            if (emptySelector(match)) {
                report(obj, "selector", "spec.selector is empty");
            } else if (!matches(labels, match)) {
                report(obj, "selector", "spec.selector " + match + " does not match the pod labels " + labels);
            }
        }
        Set<String> volumes = new TreeSet<>();
        for (Map<String, Object> v : maps(pod.get("volumes"))) {
            volumes.add(String.valueOf(v.get("name")));
            configMapVolume(obj, v);
        }
        for (Map<String, Object> claim : maps(spec == null ? null : spec.get("volumeClaimTemplates"))) {
            volumes.add(name(claim));
        }
        Map<String, Object> podSecurity = child(pod, "securityContext");
        if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
            String sa = String.valueOf(pod.getOrDefault("serviceAccountName", "default"));
            Map<String, Object> account = find("ServiceAccount", sa);
            if (pod.get("automountServiceAccountToken") != null
                    || account == null
                    || !Boolean.FALSE.equals(account.get("automountServiceAccountToken"))) {
                report(
                        obj,
                        "no-service-account-token",
                        "automountServiceAccountToken is not false (pod spec or " + "ServiceAccount " + sa + ")");
            }
        }
        for (String field : List.of("initContainers", "containers")) {
            for (Map<String, Object> c : maps(pod.get(field))) {
                String cname = field + "/" + c.get("name");
                resources(obj, cname, c);
                security(obj, cname, podSecurity, child(c, "securityContext"));
                env(obj, cname, c, secretMounts(pod, c));
                for (Map<String, Object> mount : maps(c.get("volumeMounts"))) {
                    if (!volumes.contains(String.valueOf(mount.get("name")))) {
                        report(
                                obj,
                                "volume-mounts",
                                cname + " mounts volume " + mount.get("name") + ", which the pod does not declare");
                    }
                }
                if (field.equals("containers") && !kind(obj).equals("Job")) {
                    probes(obj, cname, c);
                }
            }
        }
    }

    private void resources(Map<String, Object> obj, String container, Map<String, Object> c) {
        Map<String, Object> resources = child(c, "resources");
        for (String section : List.of("requests", "limits")) {
            Map<String, Object> values = child(resources, section);
            for (String resource : List.of("cpu", "memory")) {
                if (values == null || values.get(resource) == null) {
                    report(obj, "resources", container + " has no " + resource + " " + section);
                }
            }
        }
    }

    private void probes(Map<String, Object> obj, String container, Map<String, Object> c) {
        Set<Object> ports = new HashSet<>();
        for (Map<String, Object> p : maps(c.get("ports"))) {
            if (p.get("name") != null) {
                ports.add(String.valueOf(p.get("name")));
            }
            ports.add(p.get("containerPort"));
        }
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            Map<String, Object> p = child(c, probe);
            if (p == null) {
                report(obj, "probes", container + " has no " + probe);
                continue;
            }
            Map<String, Object> http = child(p, "httpGet");
            Map<String, Object> handler = http != null ? http : child(p, "tcpSocket");
            if (handler == null) {
                handler = child(p, "grpc");
            }
            if (handler != null && !ports.contains(handler.get("port"))) {
                report(
                        obj,
                        "probes",
                        container + " " + probe + " probes port " + handler.get("port")
                                + ", which the container does not declare");
            }
            if (http != null && !String.valueOf(http.get("path")).startsWith("/q/health")) {
                report(
                        obj,
                        "probes",
                        container + " " + probe + " path " + http.get("path") + " is not under /q/health");
            }
        }
    }

    private void security(Map<String, Object> obj, String container, Map<String, Object> pod, Map<String, Object> own) {
        Object nonRoot = own != null && own.get("runAsNonRoot") != null
                ? own.get("runAsNonRoot")
                : pod == null ? null : pod.get("runAsNonRoot");
        if (!Boolean.TRUE.equals(nonRoot)) {
            report(obj, "security-context", container + ": runAsNonRoot is not true");
        }
        if (own == null || !Boolean.TRUE.equals(own.get("readOnlyRootFilesystem"))) {
            report(obj, "security-context", container + ": readOnlyRootFilesystem is not true");
        }
        if (own == null || !Boolean.FALSE.equals(own.get("allowPrivilegeEscalation"))) {
            report(obj, "security-context", container + ": allowPrivilegeEscalation is not false");
        }
        Map<String, Object> caps = own == null ? null : child(own, "capabilities");
        if (caps == null || !(caps.get("drop") instanceof List<?> drop) || !drop.contains("ALL")) {
            report(obj, "security-context", container + ": capabilities do not drop ALL");
        }
        Map<String, Object> seccomp = own != null && child(own, "seccompProfile") != null
                ? child(own, "seccompProfile")
                : child(pod, "seccompProfile");
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.get("type"))) {
            report(obj, "security-context", container + ": seccompProfile is not RuntimeDefault");
        }
    }

    /** @return the mount paths of the container's volumes that hold a Secret */
    private static List<String> secretMounts(Map<String, Object> pod, Map<String, Object> c) {
        Set<String> secretVolumes = new TreeSet<>();
        for (Map<String, Object> v : maps(pod.get("volumes"))) {
            Map<String, Object> projected = child(v, "projected");
            boolean projectsSecret = projected != null
                    && maps(projected.get("sources")).stream().anyMatch(src -> child(src, "secret") != null);
            if (child(v, "secret") != null || projectsSecret) {
                secretVolumes.add(String.valueOf(v.get("name")));
            }
        }
        List<String> out = new ArrayList<>();
        for (Map<String, Object> m : maps(c.get("volumeMounts"))) {
            if (secretVolumes.contains(String.valueOf(m.get("name")))) {
                out.add(String.valueOf(m.get("mountPath")).replaceAll("/+$", ""));
            }
        }
        return out;
    }

    private void env(Map<String, Object> obj, String container, Map<String, Object> c, List<String> secretMounts) {
        for (Map<String, Object> e : maps(c.get("env"))) {
            String name = String.valueOf(e.get("name"));
            // a literal naming a file of a mounted Secret (a path, or file:<path>) is the mounted Secret
            String path = String.valueOf(e.get("value")).replaceFirst("^file:", "");
            boolean inMountedSecret = secretMounts.stream().anyMatch(m -> path.startsWith(m + "/"));
            if (e.containsKey("value")
                    && !inMountedSecret
                    && SECRET_NAME.matcher(name).matches()
                    && !NOT_A_SECRET.matcher(name).matches()) {
                report(
                        obj,
                        "secrets-from-secrets",
                        container + " sets " + name
                                + " by a literal value (it must come from a secretKeyRef or a mounted Secret)");
            }
            Map<String, Object> from = child(e, "valueFrom");
            if (from != null) {
                Map<String, Object> cm = child(from, "configMapKeyRef");
                if (cm != null && !Boolean.TRUE.equals(cm.get("optional"))) {
                    configMapKey(obj, container + " env " + name, cm.get("name"), cm.get("key"));
                }
                Map<String, Object> secret = child(from, "secretKeyRef");
                if (secret != null) {
                    secretExists(obj, container + " env " + name, secret.get("name"));
                }
            }
        }
        for (Map<String, Object> e : maps(c.get("envFrom"))) {
            Map<String, Object> cm = child(e, "configMapRef");
            if (cm != null && !Boolean.TRUE.equals(cm.get("optional"))) {
                configMapKey(obj, container + " envFrom", cm.get("name"), null);
            }
            Map<String, Object> secret = child(e, "secretRef");
            if (secret != null) {
                secretExists(obj, container + " envFrom", secret.get("name"));
            }
        }
    }

    private void configMapVolume(Map<String, Object> obj, Map<String, Object> volume) {
        Map<String, Object> cm = child(volume, "configMap");
        if (cm != null && !Boolean.TRUE.equals(cm.get("optional"))) {
            configMapKey(obj, "volume " + volume.get("name"), cm.get("name"), null);
            for (Map<String, Object> item : maps(cm.get("items"))) {
                configMapKey(obj, "volume " + volume.get("name"), cm.get("name"), item.get("key"));
            }
        }
        Map<String, Object> secret = child(volume, "secret");
        if (secret != null) {
            secretExists(obj, "volume " + volume.get("name"), secret.get("secretName"));
        }
        Map<String, Object> projected = child(volume, "projected");
        if (projected != null) {
            for (Map<String, Object> source : maps(projected.get("sources"))) {
                if (child(source, "configMap") != null) {
                    configMapKey(
                            obj,
                            "volume " + volume.get("name"),
                            child(source, "configMap").get("name"),
                            null);
                }
                if (child(source, "secret") != null) {
                    secretExists(
                            obj,
                            "volume " + volume.get("name"),
                            child(source, "secret").get("name"));
                }
            }
        }
    }

    private void configMapKey(Map<String, Object> obj, String where, Object name, Object key) {
        Map<String, Object> cm = find("ConfigMap", String.valueOf(name));
        if (cm == null) {
            report(obj, "references", where + " refers to ConfigMap " + name + ", which the build does not contain");
        } else if (key != null
                && !(child(cm, "data") != null && child(cm, "data").containsKey(String.valueOf(key)))
                && !(child(cm, "binaryData") != null && child(cm, "binaryData").containsKey(String.valueOf(key)))) {
            report(obj, "references", where + " refers to key " + key + " of ConfigMap " + name + ", which it lacks");
        }
    }

    private void secretExists(Map<String, Object> obj, String where, Object name) {
        String n = String.valueOf(name);
        if (find("Secret", n) != null || madeByOperators().contains(n)) {
            return;
        }
        if (!externalSecrets.contains(n)) {
            report(
                    obj,
                    "references",
                    where + " refers to Secret " + n
                            + ", which is neither in the build nor made by its KafkaUsers, Kafka or Cluster, nor an"
                            + " expected external Secret " + new TreeSet<>(externalSecrets));
            return;
        }
        // where the build holds the operators' resources, the Secrets they make must be made by them
        boolean strimzi = has("Kafka")
                && (ServiceConfig.SERVICES.stream().anyMatch(s -> userOf(s).equals(n)) || n.endsWith("-ca-cert"));
        boolean cnpg = has("Cluster") && n.startsWith("fmnist-db-");
        if (strimzi || cnpg) {
            report(
                    obj,
                    "references",
                    where + " refers to Secret " + n + ", which no KafkaUser, Kafka or Cluster of the build makes");
        }
    }

    /** The Secrets Strimzi (KafkaUser, Kafka) and CloudNativePG (Cluster) make for the build's resources. */
    private Set<String> madeByOperators() {
        Set<String> made = new TreeSet<>();
        for (Map<String, Object> o : objects) {
            switch (kind(o)) {
                case "KafkaUser" -> made.add(name(o));
                case "Kafka" -> {
                    made.add(name(o) + "-cluster-ca-cert");
                    made.add(name(o) + "-clients-ca-cert");
                }
                case "Cluster" -> {
                    made.add(name(o) + "-app");
                    made.add(name(o) + "-superuser");
                    made.add(name(o) + "-ca");
                }
                default -> {}
            }
        }
        return made;
    }

    // --- services, budgets, policies

    private void service(Map<String, Object> svc) {
        Map<String, Object> spec = child(svc, "spec");
        Map<String, Object> selector = child(spec, "selector");
        if (selector == null || selector.isEmpty()) {
            report(svc, "service-selects", "a Service without a selector");
            return;
        }
        List<Map<String, Object>> pods = selected(selector);
        if (pods.isEmpty()) {
            report(svc, "service-selects", "selector " + selector + " matches no workload of the build");
            return;
        }
        for (Map<String, Object> port : maps(spec == null ? null : spec.get("ports"))) {
            Object target = port.getOrDefault("targetPort", port.get("port"));
            for (Map<String, Object> workload : pods) {
                if (!declaresPort(workload, target)) {
                    report(
                            svc,
                            "service-ports",
                            "port " + port.get("port") + " targets " + target + ", which " + kind(workload) + "/"
                                    + name(workload) + " does not declare");
                }
            }
        }
    }

    private void budgetsAndPolicies() {
        boolean anyDeployment = false;
        for (Map<String, Object> d : ofKind("Deployment")) {
            anyDeployment = true;
            Map<String, Object> labels = podLabels(d);
            boolean pdb = false;
            for (Map<String, Object> b : ofKind("PodDisruptionBudget")) {
                Map<String, Object> match = selector(child(b, "spec"), "selector");
                pdb |= !emptySelector(match) && matches(labels, match);
            }
            if (!pdb) {
                report(d, "pdb", "no PodDisruptionBudget selects it");
            }
            boolean policy = false;
            for (Map<String, Object> p : ofKind("NetworkPolicy")) {
                Map<String, Object> spec = child(p, "spec");
                Map<String, Object> match = selector(spec, "podSelector");
                boolean allows = !maps(spec.get("ingress")).isEmpty()
                        || !maps(spec.get("egress")).isEmpty();
                policy |= allows && !emptySelector(match) && matches(labels, match);
            }
            if (!policy) {
                report(d, "network-policy", "no NetworkPolicy selects it and allows it some traffic");
            }
        }
        if (!anyDeployment) {
            return;
        }
        boolean defaultDeny = false;
        for (Map<String, Object> p : ofKind("NetworkPolicy")) {
            Map<String, Object> spec = child(p, "spec");
            Map<String, Object> podSelector = child(spec, "podSelector");
            // every pod ({}), or at least every Deployment of the build
            boolean all = spec != null
                    && spec.containsKey("podSelector")
                    && (emptySelector(podSelector)
                            || ofKind("Deployment").stream().allMatch(d -> matches(podLabels(d), podSelector)));
            Object types = spec == null ? null : spec.get("policyTypes");
            defaultDeny |= all
                    && types instanceof List<?> t
                    && t.contains("Ingress")
                    && t.contains("Egress")
                    && maps(spec.get("ingress")).isEmpty()
                    && maps(spec.get("egress")).isEmpty();
        }
        if (!defaultDeny) {
            problems.add(build + ": NetworkPolicy: default-deny: no NetworkPolicy that selects every pod (or every "
                    + "Deployment of the build) and allows no ingress and no egress");
        }
    }

    private void selects(Map<String, Object> obj, Map<String, Object> selector, String rule) {
        boolean any = objects.stream().anyMatch(o -> Kustomize.podSpec(o) != null && matches(podLabels(o), selector));
        if (emptySelector(selector) || !any) {
            report(obj, rule, "selector " + selector + " matches no workload of the build");
        }
    }

    // --- scaling

    private void hpa(Map<String, Object> hpa) {
        Map<String, Object> spec = child(hpa, "spec");
        String target = String.valueOf(
                child(spec, "scaleTargetRef") == null
                        ? null
                        : child(spec, "scaleTargetRef").get("name"));
        if (find("Deployment", target) == null && find("StatefulSet", target) == null) {
            report(hpa, "scale-target", "scales " + target + ", which the build does not contain");
        }
        for (Map<String, Object> so : ofKind("ScaledObject")) {
            Map<String, Object> ref = child(child(so, "spec"), "scaleTargetRef");
            if (ref != null && target.equals(ref.get("name"))) {
                report(
                        hpa,
                        "one-autoscaler",
                        "ScaledObject/" + name(so) + " scales " + target
                                + " too (KEDA makes its own HorizontalPodAutoscaler)");
            }
        }
        if (target.equals("inference-service") && spec != null && spec.get("maxReplicas") instanceof Integer max) {
            int partitions = partitions(ContractTopicsView.IMAGES_INPUT);
            if (max > partitions) {
                report(
                        hpa,
                        "replicas-within-partitions",
                        "maxReplicas " + max + " is above the " + partitions + " partitions of "
                                + ContractTopicsView.IMAGES_INPUT);
            }
        }
    }

    private void scaledObject(Map<String, Object> so) {
        Map<String, Object> spec = child(so, "spec");
        Map<String, Object> ref = child(spec, "scaleTargetRef");
        String target = ref == null ? null : String.valueOf(ref.get("name"));
        if (find("Deployment", target) == null) {
            report(so, "scale-target", "scales " + target + ", which is not a Deployment of the build");
        }
        for (Map<String, Object> trigger : maps(spec == null ? null : spec.get("triggers"))) {
            Map<String, Object> auth = child(trigger, "authenticationRef");
            if (auth != null && find("TriggerAuthentication", String.valueOf(auth.get("name"))) == null) {
                report(
                        so,
                        "references",
                        "authenticationRef " + auth.get("name") + " names no TriggerAuthentication of the build");
            }
        }
        if (!"inference-service".equals(target)) {
            return;
        }
        int partitions = partitions(ContractTopicsView.IMAGES_INPUT);
        if (spec.get("maxReplicaCount") instanceof Integer max && max > partitions) {
            report(
                    so,
                    "replicas-within-partitions",
                    "maxReplicaCount " + max + " is above the " + partitions + " partitions of "
                            + ContractTopicsView.IMAGES_INPUT);
        }
        ServiceConfig.Channel images =
                ServiceConfig.of("inference-service").incoming().get("images");
        for (Map<String, Object> trigger : maps(spec.get("triggers"))) {
            Map<String, Object> md = child(trigger, "metadata");
            if (!"kafka".equals(trigger.get("type")) || md == null) {
                continue;
            }
            if (!Objects.equals(md.get("topic"), images.topic())) {
                report(
                        so,
                        "scaler-matches-service",
                        "the kafka trigger's topic " + md.get("topic") + " is not inference-service's images topic "
                                + images.topic());
            }
            if (!Objects.equals(md.get("consumerGroup"), images.groupId())) {
                report(
                        so,
                        "scaler-matches-service",
                        "the kafka trigger's consumerGroup " + md.get("consumerGroup")
                                + " is not inference-service's images group " + images.groupId());
            }
        }
    }

    /** @return the partitions of a topic: its KafkaTopic's where the build has one, else the contract's */
    private int partitions(String topic) {
        for (Map<String, Object> t : ofKind("KafkaTopic")) {
            if (topic.equals(topicName(t)) && child(t, "spec").get("partitions") instanceof Integer p) {
                return p;
            }
        }
        return ContractTopicsView.partitions(topic);
    }

    private void ingress(Map<String, Object> ing) {
        boolean toEvaluation = false;
        Map<String, Object> spec = child(ing, "spec");
        List<Map<String, Object>> backends = new ArrayList<>();
        if (child(spec, "defaultBackend") != null) {
            backends.add(child(spec, "defaultBackend"));
        }
        for (Map<String, Object> rule : maps(spec == null ? null : spec.get("rules"))) {
            for (Map<String, Object> path : maps(
                    child(rule, "http") == null ? null : child(rule, "http").get("paths"))) {
                String p = String.valueOf(path.getOrDefault("path", "/"));
                if (p.equals("/q") || p.startsWith("/q/")) {
                    report(ing, "ingress", "path " + p + " exposes /q (management endpoints stay inside the cluster)");
                }
                if (child(path, "backend") != null) {
                    backends.add(child(path, "backend"));
                }
            }
        }
        for (Map<String, Object> backend : backends) {
            Map<String, Object> svc = child(backend, "service");
            if (svc == null) {
                continue;
            }
            Map<String, Object> service = find("Service", String.valueOf(svc.get("name")));
            if (service == null) {
                report(ing, "ingress", "routes to Service " + svc.get("name") + ", which the build does not contain");
                continue;
            }
            toEvaluation |= "evaluation-service".equals(svc.get("name"));
            Map<String, Object> port = child(svc, "port");
            boolean portFound = false;
            for (Map<String, Object> sp : maps(child(service, "spec").get("ports"))) {
                portFound |= port != null
                        && (Objects.equals(port.get("number"), sp.get("port"))
                                || (port.get("name") != null && Objects.equals(port.get("name"), sp.get("name"))));
            }
            if (!portFound) {
                report(
                        ing,
                        "ingress",
                        "routes to port " + port + " of Service " + svc.get("name") + ", which it does not have");
            }
        }
        if (!toEvaluation) {
            report(ing, "ingress", "does not route to the evaluation-service Service");
        }
    }

    // --- Strimzi

    private void topics() {
        if (!has("KafkaTopic") && !has("Kafka")) {
            return;
        }
        Map<String, Map<String, Object>> byTopic = new LinkedHashMap<>();
        for (Map<String, Object> t : ofKind("KafkaTopic")) {
            byTopic.put(topicName(t), t);
        }
        for (TopicSpec spec : ContractTopics.ALL) {
            Map<String, Object> t = byTopic.remove(spec.name());
            if (t == null) {
                problems.add(
                        build + ": KafkaTopic: topics-match-contract: no KafkaTopic for contract topic " + spec.name());
                continue;
            }
            Map<String, Object> s = child(t, "spec");
            int partitions = ContractTopicsView.partitions(spec.name());
            if (!Objects.equals(s.get("partitions"), partitions)) {
                report(
                        t,
                        "topics-match-contract",
                        "partitions " + s.get("partitions") + ", the contract says " + partitions);
            }
            Object retention =
                    child(s, "config") == null ? null : child(s, "config").get("retention.ms");
            if (retention == null || !String.valueOf(retention).equals(Long.toString(spec.retentionMs()))) {
                report(
                        t,
                        "topics-match-contract",
                        "retention.ms " + retention + ", the contract says " + spec.retentionMs());
            }
        }
        for (Map<String, Object> extra : byTopic.values()) {
            report(extra, "topics-match-contract", "topic " + topicName(extra) + " is not a contract topic");
        }
    }

    private static String topicName(Map<String, Object> topic) {
        Map<String, Object> spec = child(topic, "spec");
        return spec != null && spec.get("topicName") != null ? String.valueOf(spec.get("topicName")) : name(topic);
    }

    /** A KafkaUser's ACLs, as "Read topic fmnist.x literal" lines. */
    private record Acl(String type, String name, String pattern, Set<String> operations) {
        boolean covers(String resourceType, String resource) {
            return type.equals(resourceType)
                    && (pattern.equals("prefix")
                            ? resource.startsWith(name)
                            : name.equals("*") || name.equals(resource));
        }

        boolean can(String operation) {
            return operations.contains(operation) || operations.contains("All");
        }
    }

    private void users() {
        Map<String, List<Acl>> users = new LinkedHashMap<>();
        for (Map<String, Object> u : ofKind("KafkaUser")) {
            List<Acl> acls = new ArrayList<>();
            Map<String, Object> authz = child(child(u, "spec"), "authorization");
            for (Map<String, Object> acl : maps(authz == null ? null : authz.get("acls"))) {
                Map<String, Object> r = child(acl, "resource");
                Set<String> ops = new TreeSet<>();
                if (acl.get("operations") instanceof List<?> l) {
                    l.forEach(o -> ops.add(String.valueOf(o)));
                }
                if (acl.get("operation") != null) {
                    ops.add(String.valueOf(acl.get("operation")));
                }
                if (r != null && !"deny".equals(String.valueOf(acl.get("type")).toLowerCase(Locale.ROOT))) {
                    acls.add(new Acl(
                            String.valueOf(r.get("type")),
                            String.valueOf(r.getOrDefault("name", "*")),
                            String.valueOf(r.getOrDefault("patternType", "literal")),
                            ops));
                }
            }
            users.put(name(u), acls);
            String service = serviceOfUser(name(u));
            for (Acl acl : acls) {
                if (acl.covers("topic", ContractTopicsView.MODELS)
                        && acl.can("Write")
                        && !MODEL_WRITER.equals(service)) {
                    report(u, "only-training-writes-models", "may write " + ContractTopicsView.MODELS);
                }
            }
            if (service == null) {
                continue;
            }
            ServiceConfig config = ServiceConfig.of(service);
            Set<String> reads = new TreeSet<>(OWN_CLIENT_READS.getOrDefault(service, Set.of()));
            Set<String> writes = new TreeSet<>(OWN_CLIENT_WRITES.getOrDefault(service, Set.of()));
            for (ServiceConfig.Channel c : config.incoming().values()) {
                reads.add(c.topic());
                if (c.groupId() != null) {
                    String group = c.groupId();
                    boolean prefix = group.contains("${");
                    String g = prefix ? group.substring(0, group.indexOf("${")) : group;
                    boolean ok = acls.stream()
                            .anyMatch(a -> a.type().equals("group")
                                    && a.can("Read")
                                    && (prefix
                                            ? a.pattern().equals("prefix") && g.startsWith(a.name())
                                            : a.covers("group", g)));
                    if (!ok) {
                        report(
                                u,
                                "acls-match-service",
                                "no Read on group " + (prefix ? g + "* (prefix)" : g) + " of " + service + "'s channel "
                                        + c.name());
                    }
                }
            }
            config.outgoing().values().forEach(c -> writes.add(c.topic()));
            for (String topic : reads) {
                if (acls.stream().noneMatch(a -> a.covers("topic", topic) && a.can("Read"))) {
                    report(u, "acls-match-service", "cannot Read " + topic + ", which " + service + " reads");
                }
            }
            for (String topic : writes) {
                if (acls.stream().noneMatch(a -> a.covers("topic", topic) && a.can("Write"))) {
                    report(u, "acls-match-service", "cannot Write " + topic + ", which " + service + " writes");
                }
            }
            for (Acl acl : acls) {
                if (!acl.type().equals("topic")
                        || !acl.pattern().equals("literal")
                        || !ContractTopicsView.isContractTopic(acl.name())) {
                    continue;
                }
                if (acl.can("Read") && !reads.contains(acl.name())) {
                    report(u, "acls-match-service", "may Read " + acl.name() + ", which " + service + " does not read");
                }
                if (acl.can("Write") && !writes.contains(acl.name())) {
                    report(
                            u,
                            "acls-match-service",
                            "may Write " + acl.name() + ", which " + service + " does not write");
                }
            }
        }
        if (has("Kafka")) {
            for (String service : ServiceConfig.SERVICES) {
                if (find("Deployment", service) != null && !users.containsKey(userOf(service))) {
                    problems.add(build + ": KafkaUser: acls-match-service: no KafkaUser " + userOf(service) + " for "
                            + service);
                }
            }
        }
    }

    static String userOf(String service) {
        return "fmnist-" + service.replace("-service", "");
    }

    private static String serviceOfUser(String user) {
        for (String s : ServiceConfig.SERVICES) {
            if (userOf(s).equals(user)) {
                return s;
            }
        }
        return null;
    }

    // --- GPU

    @SuppressWarnings("unchecked")
    private void gpu() {
        if (!build.endsWith("gpu")) {
            return;
        }
        Map<String, Object> training = find("Deployment", "training-service");
        if (training == null) {
            training = find("Job", "training-service");
        }
        if (training == null) {
            problems.add(build + ": Deployment/training-service: gpu: the gpu build has no training-service");
            return;
        }
        Map<String, Object> pod = Kustomize.podSpec(training);
        List<Map<String, Object>> containers = maps(pod.get("containers"));
        Map<String, Object> container = containers.stream()
                .filter(c -> "training-service".equals(c.get("name")))
                .findFirst()
                .orElse(containers.isEmpty() ? Map.of() : containers.get(0));
        Map<String, Object> limits = child(child(container, "resources"), "limits");
        if (limits == null || limits.get("nvidia.com/gpu") == null) {
            report(training, "gpu", "no nvidia.com/gpu limit");
        }
        if (child(pod, "nodeSelector") == null || child(pod, "nodeSelector").isEmpty()) {
            report(training, "gpu", "no nodeSelector");
        }
        if (maps(pod.get("tolerations")).stream().noneMatch(t -> "nvidia.com/gpu".equals(t.get("key")))) {
            report(training, "gpu", "no toleration for nvidia.com/gpu");
        }
        if (!String.valueOf(container.get("image")).endsWith("-cuda")) {
            report(training, "gpu", "image " + container.get("image") + " does not end in -cuda");
        }
    }

    // --- helpers

    private void report(Map<String, Object> obj, String rule, String message) {
        problems.add(build + ": " + kind(obj) + "/" + name(obj) + ": " + rule + ": " + message);
    }

    private boolean has(String kind) {
        return !ofKind(kind).isEmpty();
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind(o).equals(kind)).toList();
    }

    private Map<String, Object> find(String kind, String name) {
        return objects.stream()
                .filter(o -> kind(o).equals(kind) && Objects.equals(name(o), name))
                .findFirst()
                .orElse(null);
    }

    private List<Map<String, Object>> selected(Map<String, Object> match) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if (Kustomize.podSpec(o) != null && contains(podLabels(o), match)) {
                out.add(o);
            }
        }
        return out;
    }

    private static boolean declaresPort(Map<String, Object> workload, Object port) {
        for (Map<String, Object> c : maps(Kustomize.podSpec(workload).get("containers"))) {
            for (Map<String, Object> p : maps(c.get("ports"))) {
                if (Objects.equals(p.get("name"), port) || Objects.equals(p.get("containerPort"), port)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Map<String, Object> podLabels(Map<String, Object> obj) {
        Map<String, Object> spec = child(obj, "spec");
        Map<String, Object> template = kind(obj).equals("CronJob")
                ? child(child(child(spec, "jobTemplate"), "spec"), "template")
                : child(spec, "template");
        Map<String, Object> labels = child(child(template, "metadata"), "labels");
        return labels == null ? Map.of() : labels;
    }

    /** @return a LabelSelector (matchLabels, matchExpressions), or null */
    private static Map<String, Object> selector(Map<String, Object> spec, String field) {
        return child(spec, field);
    }

    static boolean emptySelector(Map<String, Object> selector) {
        return selector == null
                || ((child(selector, "matchLabels") == null
                                || child(selector, "matchLabels").isEmpty())
                        && maps(selector.get("matchExpressions")).isEmpty());
    }

    /** @return whether the labels satisfy the LabelSelector (matchLabels and In/NotIn/Exists/DoesNotExist) */
    static boolean matches(Map<String, Object> labels, Map<String, Object> selector) {
        if (selector == null) {
            return false;
        }
        if (child(selector, "matchLabels") != null && !contains(labels, child(selector, "matchLabels"))) {
            return false;
        }
        for (Map<String, Object> e : maps(selector.get("matchExpressions"))) {
            Object value = labels.get(String.valueOf(e.get("key")));
            List<String> values = e.get("values") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList()
                    : List.of();
            boolean ok =
                    switch (String.valueOf(e.get("operator"))) {
                        case "In" -> value != null && values.contains(String.valueOf(value));
                        case "NotIn" -> value == null || !values.contains(String.valueOf(value));
                        case "Exists" -> value != null;
                        case "DoesNotExist" -> value == null;
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(Map<String, Object> labels, Map<String, Object> match) {
        for (Map.Entry<String, Object> e : match.entrySet()) {
            if (!Objects.equals(String.valueOf(labels.get(e.getKey())), String.valueOf(e.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasEntries(Object value) {
        return value instanceof Map<?, ?> m && !m.isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }
}
