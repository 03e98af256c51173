package dev.fmnist.launcher;

import dev.fmnist.platform.PlatformEndpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's environment is written in three places — the launcher ({@link LaunchSettings#environment}),
 * {@code docker-compose.yml} and the Kubernetes base ({@code deploy/base}) — and each place must configure the same
 * settings of the service, each a setting the service really has: a key of its {@code application.properties}, a
 * variable that file reads, or a property its README documents.
 */
class ServiceEnvironmentTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * Settings only the local launcher gives: the HTTP port it picked and the run's token keys (docs/security.md; the
     * private one signs evaluation-service's auto-promotion).
     */
    private static final Set<String> LAUNCHER_ONLY = Set.of(
            "QUARKUS_HTTP_PORT",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "MP_JWT_VERIFY_ISSUER",
            "FMNIST_EVALUATION_PROMOTION_SIGNING_KEY");
    /**
     * Settings only a cluster gives: Strimzi's TLS + SCRAM login, the token keys mounted from the Secret fmnist-jwt, the
     * split topics' replication on a 3-broker cluster, and (through the shared ConfigMap fmnist-config) the database URL
     * also on inference-service, which has no database (deploy/README.md).
     */
    private static final Set<String> KUBERNETES_ONLY = Set.of(
            "KAFKA_SECURITY_PROTOCOL",
            "KAFKA_SASL_MECHANISM",
            "KAFKA_SASL_JAAS_CONFIG",
            "KAFKA_SSL_TRUSTSTORE_TYPE",
            "KAFKA_SSL_TRUSTSTORE_LOCATION",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "MP_JWT_VERIFY_ISSUER",
            "FMNIST_INGEST_TOPICS_REPLICATION_FACTOR",
            "FMNIST_EVALUATION_PROMOTION_SIGNING_KEY",
            "FMNIST_DB_URL");
    /** Variables of the JVM or its native libraries, not of the application. */
    private static final Set<String> RUNTIME = Set.of("JAVA_TOOL_OPTIONS", "OMP_NUM_THREADS");

    @ParameterizedTest
    @EnumSource(PipelineService.class)
    void launcherComposeAndKubernetesConfigureTheSameRealSettings(PipelineService service) throws IOException {
        Set<String> launcher = applicationKeys(launcherEnvironment(service));
        launcher.removeAll(LAUNCHER_ONLY);
        Set<String> compose = applicationKeys(composeEnvironment(service));
        Set<String> kubernetes = applicationKeys(kubernetesEnvironment(service));

        assertThat(compose).as("docker-compose.yml vs the launcher").isEqualTo(launcher);
        assertThat(kubernetes).as("deploy/base vs the launcher").containsAll(launcher);
        Set<String> clusterOnly = new TreeSet<>(kubernetes);
        clusterOnly.removeAll(launcher);
        assertThat(clusterOnly).as("what only deploy/base sets").isSubsetOf(KUBERNETES_ONLY);

        Set<String> everything = applicationKeys(launcherEnvironment(service));
        // smallrye-jwt's own setting, documented in docs/security.md rather than in each service
        everything.remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(knownSettings(service))
                .as("settings of " + service.moduleName())
                .containsAll(everything);
    }

    private static Set<String> applicationKeys(Set<String> names) {
        Set<String> keys = new TreeSet<>(names);
        keys.removeAll(RUNTIME);
        return keys;
    }

    private static Set<String> launcherEnvironment(PipelineService service) {
        PlatformEndpoints platform = new PlatformEndpoints() {
            public String bootstrapServers() {
                return "localhost:9092";
            }

            public String jdbcUrl() {
                return "jdbc:postgresql://localhost:5432/fmnist";
            }

            public String username() {
                return "fmnist";
            }

            public String password() {
                return "fmnist";
            }
        };
        return LaunchSettings.of(ROOT, ROOT.resolve(".fmnist"), platform)
                .environment(service)
                .keySet();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> composeEnvironment(PipelineService service) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> definition = (Map<String, Object>) services.get(service.moduleName());
        return new TreeSet<>(((Map<String, Object>) definition.get("environment")).keySet());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> kubernetesEnvironment(PipelineService service) throws IOException {
        Set<String> names = new TreeSet<>();
        Map<String, Object> kustomization =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/base/kustomization.yaml")));
        Set<String> configMaps = new TreeSet<>();
        for (Object generator : (List<Object>) kustomization.get("configMapGenerator")) {
            Map<String, Object> map = (Map<String, Object>) generator;
            configMaps.add((String) map.get("name"));
        }
        for (Object document :
                new Yaml().loadAll(Files.readString(ROOT.resolve("deploy/base/" + service.moduleName() + ".yaml")))) {
            Map<String, Object> resource = (Map<String, Object>) document;
            if (resource == null || !"Deployment".equals(resource.get("kind"))) {
                continue;
            }
            Map<String, Object> spec =
                    (Map<String, Object>) ((Map<String, Object>) resource.get("spec")).get("template");
            Map<String, Object> pod = (Map<String, Object>) spec.get("spec");
            for (Object c : (List<Object>) pod.get("containers")) {
                Map<String, Object> container = (Map<String, Object>) c;
                for (Object e : (List<Object>) container.getOrDefault("env", List.of())) {
                    names.add((String) ((Map<String, Object>) e).get("name"));
                }
                for (Object from : (List<Object>) container.getOrDefault("envFrom", List.of())) {
                    Map<String, Object> ref = (Map<String, Object>) ((Map<String, Object>) from).get("configMapRef");
                    if (ref != null && configMaps.contains(ref.get("name"))) {
                        names.addAll(configMapKeys(kustomization, (String) ref.get("name")));
                    }
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<String> configMapKeys(Map<String, Object> kustomization, String name) {
        List<String> keys = new ArrayList<>();
        for (Object generator : (List<Object>) kustomization.get("configMapGenerator")) {
            Map<String, Object> map = (Map<String, Object>) generator;
            if (name.equals(map.get("name"))) {
                for (Object literal : (List<Object>) map.getOrDefault("literals", List.of())) {
                    keys.add(((String) literal).split("=", 2)[0]);
                }
            }
        }
        return keys;
    }

    /** The service's settings in environment-variable form (Quarkus: upper case, other characters {@code _}). */
    private static Set<String> knownSettings(PipelineService service) throws IOException {
        Path module = ROOT.resolve(service.moduleName());
        Set<String> known = new TreeSet<>();
        for (String line : Files.readAllLines(module.resolve("src/main/resources/application.properties"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String key = trimmed.split("=", 2)[0].strip().replaceFirst("^%[a-z-]+\\.", "");
            known.add(envName(key));
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(trimmed);
            while (placeholder.find()) {
                known.add(placeholder.group(1));
            }
        }
        Matcher documented = Pattern.compile("`((?:fmnist|quarkus|kafka|mp)\\.[a-z0-9.-]+)`")
                .matcher(Files.readString(module.resolve("README.md")));
        while (documented.find()) {
            known.add(envName(documented.group(1)));
        }
        return known;
    }

    private static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
