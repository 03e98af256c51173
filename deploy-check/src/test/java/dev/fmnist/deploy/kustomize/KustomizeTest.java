package dev.fmnist.deploy.kustomize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renderer on the fixture base and overlay (src/test/resources/kustomize), which use every supported field; and
 * its refusals: an unsupported kustomization field, a patch whose target is missing, a file outside the
 * kustomization's folder.
 */
class KustomizeTest {

    @TempDir
    Path tmp;

    @Test
    void theBaseGeneratesHashedConfigMapsAndSecretsAndRewritesEveryReference() {
        List<Map<String, Object>> objects = Kustomize.build(KustomizeFixtures.dir("base"));
        Map<String, Object> config = only(objects, "ConfigMap", "web-config-");
        assertThat(config.get("data"))
                .isEqualTo(Map.of(
                        "GREETING", "hello",
                        "QUOTED", "with spaces",
                        "FROM_ENV", "1",
                        "OTHER", "x=y",
                        "app.properties", "a.b=1\nc=two\n",
                        "renamed.txt", "some notes\n"));
        Map<String, Object> secret = only(objects, "Secret", "web-secret-");
        assertThat(secret.get("type")).isEqualTo("Opaque");
        assertThat(secret.get("data"))
                .isEqualTo(Map.of("token", Base64.getEncoder().encodeToString("s3cr3t".getBytes())));
        assertThat(Kustomize.name(config)).matches("web-config-[a-z0-9]{10}");

        Map<String, Object> web = find(objects, "Deployment", "web");
        String yaml = Yamls.dumpAll(List.of(web));
        assertThat(yaml)
                .contains("name: " + Kustomize.name(config))
                .contains("secretName: " + Kustomize.name(secret))
                .doesNotContain("name: web-config\n")
                .contains("image: shop/web:1.0")
                .contains("image: busybox:1.36");
        assertThat(Kustomize.child(web, "metadata").get("labels"))
                .isEqualTo(Map.of("app", "web", "app.kubernetes.io/part-of", "shop"));
        // includeTemplates: the pod template gets the label, the selector does not
        assertThat(yaml).contains("app.kubernetes.io/part-of: shop");
        assertThat(Kustomize.child(Kustomize.child(Kustomize.child(web, "spec"), "selector"), "matchLabels"))
                .isEqualTo(Map.of("app", "web"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOverlayAppliesNamespaceLabelsGeneratorsImagesReplicasAndPatches() {
        List<Map<String, Object>> objects = Kustomize.build(KustomizeFixtures.dir("overlay"));
        assertThat(objects.stream().map(o -> Kustomize.kind(o) + "/" + Kustomize.namespace(o)))
                .contains("Namespace/null")
                .allMatch(s -> s.equals("Namespace/null") || s.endsWith("/shop"));
        // merge keeps the base's keys and overrides one; replace drops the base's data
        Map<String, Object> config = only(objects, "ConfigMap", "web-config-");
        assertThat((Map<String, Object>) config.get("data"))
                .containsEntry("GREETING", "bonjour")
                .containsEntry("FROM_ENV", "1");
        assertThat(Kustomize.child(config, "metadata").get("labels"))
                .isEqualTo(Map.of("app.kubernetes.io/part-of", "shop", "generated", "true", "tier", "front"));
        assertThat(only(objects, "Secret", "web-secret-").get("data"))
                .isEqualTo(Map.of("token", Base64.getEncoder().encodeToString("other".getBytes())));
        assertThat(find(objects, "ConfigMap", "fixed")).isNotNull();
        assertThat(objects.stream().filter(o -> Objects.equals(Kustomize.name(o), "unused")))
                .as("$patch: delete on a whole object")
                .isEmpty();

        Map<String, Object> web = find(objects, "Deployment", "web");
        Map<String, Object> spec = Kustomize.child(web, "spec");
        assertThat(spec.get("replicas")).isEqualTo(3);
        assertThat(Kustomize.child(Kustomize.child(spec, "selector"), "matchLabels"))
                .as("includeSelectors")
                .isEqualTo(Map.of("app", "web", "tier", "front"));
        Map<String, Object> pod = Kustomize.podSpec(web);
        assertThat(pod.get("nodeSelector")).isEqualTo(Map.of("disk", "ssd"));
        List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
        assertThat(containers).as("the sidecar deleted by $patch: delete").hasSize(1);
        Map<String, Object> container = containers.get(0);
        assertThat(container.get("image")).isEqualTo("registry.example/shop/web:1.0");
        assertThat(((List<Map<String, Object>>) pod.get("initContainers"))
                        .get(0)
                        .get("image"))
                .isEqualTo("registry.example/shop/web:1.0");
        assertThat(((List<Map<String, Object>>) container.get("env"))
                        .stream().map(e -> e.get("name") + "=" + e.get("value")))
                .containsExactly("MODE=overlay", "ADDED=new", "TOKEN=null");
        assertThat(((List<Map<String, Object>>) container.get("ports")).stream().map(p -> p.get("containerPort")))
                .containsExactly(9000, 8080);
        assertThat(Kustomize.child(container, "resources")).isEqualTo(Map.of("limits", Map.of("memory", "1Gi")));

        Map<String, Object> service = find(objects, "Service", "web");
        assertThat(Kustomize.child(service, "spec"))
                .containsEntry("type", "ClusterIP")
                .containsEntry("sessionAffinity", "ClientIP")
                .containsEntry("selector", Map.of("app", "web", "tier", "front"));
        assertThat((List<Map<String, Object>>) Kustomize.child(service, "spec").get("ports"))
                .containsExactly(Map.of("name", "web", "port", 80, "targetPort", "http"));
        assertThat(Kustomize.child(
                        Kustomize.child(
                                Kustomize.child(find(objects, "PodDisruptionBudget", "web"), "spec"), "selector"),
                        "matchLabels"))
                .isEqualTo(Map.of("app", "web", "tier", "front"));
    }

    @Test
    void anUnsupportedKustomizationFieldFailsWithItsName() throws IOException {
        write("kustomization.yaml", "resources: [cm.yaml]\ncommonLabels: {a: b}\n");
        write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        assertThatThrownBy(() -> Kustomize.build(tmp))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("kustomization field 'commonLabels' is not supported by this renderer");
    }

    @Test
    void aPatchWhoseTargetIsMissingFails() throws IOException {
        write("kustomization.yaml", "resources: [cm.yaml]\npatches:\n  - path: p.yaml\n");
        write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        write("p.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\ndata: {a: b}\n");
        assertThatThrownBy(() -> Kustomize.build(tmp))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("no resource matches the patch's target ConfigMap/y");
    }

    @Test
    void aFileOutsideTheKustomizationsFolderFails() throws IOException {
        Path inner = Files.createDirectories(tmp.resolve("inner"));
        Files.writeString(tmp.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        Files.writeString(inner.resolve("kustomization.yaml"), "resources: [../cm.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(inner))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("is outside the kustomization's folder");
    }

    @Test
    void aJsonPatchAndATwiceDefinedObjectFail() throws IOException {
        write("kustomization.yaml", "resources: [cm.yaml, cm2.yaml]\n");
        write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        write("cm2.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        assertThatThrownBy(() -> Kustomize.build(tmp)).hasMessageContaining("ConfigMap/x is defined twice");
        write(
                "kustomization.yaml",
                "resources: [cm.yaml]\npatches:\n  - target: {kind: ConfigMap, name: x}\n    patch: |-\n"
                        + "      - op: add\n        path: /data\n        value: {}\n");
        assertThatThrownBy(() -> Kustomize.build(tmp)).hasMessageContaining("JSON 6902 patches");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(tmp.resolve(name), text);
    }

    private static Map<String, Object> only(List<Map<String, Object>> objects, String kind, String prefix) {
        List<Map<String, Object>> found = objects.stream()
                .filter(o -> Kustomize.kind(o).equals(kind) && Kustomize.name(o).startsWith(prefix))
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> Kustomize.kind(o).equals(kind) && Objects.equals(Kustomize.name(o), name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }
}
