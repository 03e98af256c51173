package dev.fmnist.deploy.kustomize;

import dev.fmnist.deploy.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our renderer against the real one: every build of deploy/ and every fixture, rendered by {@code kubectl kustomize}
 * and by {@link Kustomize}, gives the same objects. Skipped (an assumption) where kubectl is not on the PATH, as in
 * CI: it proves the renderer faithful on a machine that has kubectl, so that CI can trust it without one.
 */
class KubectlParityTest {

    /** A generated name's suffix (Kustomize's and ours): ten of the characters 2, 4-9, b, c, d, f, g, h, k, m, t. */
    private static final String HASH = "-[245-9bcdfghkmt]{10}";

    @TestFactory
    Stream<DynamicTest> sameObjectsAsKubectlKustomizeWhenKubectlIsOnThePath() {
        List<Path> dirs = new ArrayList<>();
        for (String build : Repo.builds()) {
            dirs.add(Repo.deploy().resolve(build));
        }
        dirs.addAll(KustomizeFixtures.dirs());
        return dirs.stream()
                .map(dir -> DynamicTest.dynamicTest(Repo.root().relativize(dir).toString(), () -> {
                    assumeTrue(
                            Repo.onPath("kubectl"),
                            "kubectl is not on the PATH: parity with kubectl kustomize not checked");
                    List<Map<String, Object>> rendered = kubectl(dir);
                    List<Map<String, Object>> ours = Kustomize.build(dir);
                    Map<String, Object> expected = byId(rendered);
                    Map<String, Object> actual = byId(ours);
                    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                    for (String id : expected.keySet()) {
                        assertThat(actual.get(id)).as(id).isEqualTo(expected.get(id));
                    }
                }));
    }

    static List<Map<String, Object>> kubectl(Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, out).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : Yamls.loadAll(out)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) doc;
            objects.add(obj);
        }
        return objects;
    }

    /** The objects by kind/namespace/name, generated-name hashes stripped from names and references. */
    static Map<String, Object> byId(List<Map<String, Object>> objects) {
        Map<String, Object> out = new TreeMap<>();
        for (Map<String, Object> obj : objects) {
            Object normal = strip(Yamls.loadAll(Yamls.dumpAll(List.of(obj))).get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> n = (Map<String, Object>) normal;
            out.put(Kustomize.kind(n) + "/" + Kustomize.namespace(n) + "/" + Kustomize.name(n), n);
        }
        return out;
    }

    private static Object strip(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new TreeMap<>();
            m.forEach((k, v) ->
                    copy.put(String.valueOf(k), k.equals("name") || k.equals("secretName") ? stripName(v) : strip(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(KubectlParityTest::strip).toList();
        }
        return node;
    }

    private static Object stripName(Object v) {
        return v instanceof String s ? s.replaceAll(HASH + "$", "") : strip(v);
    }
}
