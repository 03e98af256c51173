package dev.fmnist.deploy.rules;

import dev.fmnist.deploy.kustomize.Kustomize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static dev.fmnist.deploy.kustomize.Kustomize.child;
import static dev.fmnist.deploy.kustomize.Kustomize.kind;
import static dev.fmnist.deploy.kustomize.Kustomize.name;

/**
 * One source of truth for the services' environment: every variable a build sets on a service's container (by
 * {@code value}, {@code valueFrom} or through {@code envFrom} of a ConfigMap of the build) is either read by that
 * service's application.properties ({@link ServiceConfig#reads}) or has one of the documented external prefixes
 * ({@link DeploymentRules#EXTERNAL_ENV_PREFIXES}). A ConfigMap shared by several services (fmnist-config is shared by
 * all four) only needs each key to be read by at least one of the services that load it.
 */
final class ServiceEnvironment {

    private ServiceEnvironment() {}

    static void check(String build, List<Map<String, Object>> objects, List<String> problems) {
        // ConfigMap name -> the services that load it whole (envFrom)
        Map<String, Set<String>> sharedBy = new LinkedHashMap<>();
        Map<String, Map<String, Object>> workloadOf = new LinkedHashMap<>();
        for (Map<String, Object> obj : objects) {
            Map<String, Object> pod = Kustomize.podSpec(obj);
            if (pod == null || !ServiceConfig.SERVICES.contains(name(obj))) {
                continue;
            }
            String service = name(obj);
            ServiceConfig config = ServiceConfig.of(service);
            for (Map<String, Object> c : DeploymentRules.maps(pod.get("containers"))) {
                if (!service.equals(c.get("name"))) {
                    continue;
                }
                for (Map<String, Object> e : DeploymentRules.maps(c.get("env"))) {
                    String var = String.valueOf(e.get("name"));
                    if (!external(var) && !config.reads(var)) {
                        problems.add(build + ": " + kind(obj) + "/" + service + ": env-is-read: " + var
                                + " is set, but " + service + "'s application.properties neither mentions ${" + var
                                + "} nor has a property of that name (nor is it an external prefix "
                                + DeploymentRules.EXTERNAL_ENV_PREFIXES + ")");
                    }
                }
                for (Map<String, Object> e : DeploymentRules.maps(c.get("envFrom"))) {
                    Map<String, Object> ref = child(e, "configMapRef");
                    if (ref != null) {
                        sharedBy.computeIfAbsent(String.valueOf(ref.get("name")), x -> new TreeSet<>())
                                .add(service);
                        workloadOf.putIfAbsent(String.valueOf(ref.get("name")), obj);
                    }
                }
            }
        }
        sharedBy.forEach((configMap, services) -> {
            Map<String, Object> cm = objects.stream()
                    .filter(o -> kind(o).equals("ConfigMap") && Objects.equals(name(o), configMap))
                    .findFirst()
                    .orElse(null);
            if (cm == null || child(cm, "data") == null) {
                return;
            }
            for (String key : child(cm, "data").keySet()) {
                boolean read = external(key)
                        || services.stream().anyMatch(s -> ServiceConfig.of(s).reads(key));
                if (!read) {
                    problems.add(build + ": ConfigMap/" + configMap + ": env-is-read: key " + key + " is loaded into "
                            + services + ", but none of them reads it");
                }
            }
        });
    }

    private static boolean external(String var) {
        return DeploymentRules.EXTERNAL_ENV_PREFIXES.stream().anyMatch(var::startsWith);
    }
}
