package dev.fmnist.deploy.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a Kustomize build in Java, for the subset of Kustomize this project uses; any other kustomization field, a
 * remote resource, a JSON 6902 patch or a file outside the kustomization's folder fails with a message naming it, so
 * that a feature this renderer does not know cannot pass unchecked.
 *
 * <p>Supported: {@code namespace}, {@code labels}, {@code resources} (files of one or many documents, folders with a
 * kustomization), {@code configMapGenerator} and {@code secretGenerator} (literals, files, envs, options, behavior),
 * {@code generatorOptions}, {@code images}, {@code replicas} and {@code patches} (strategic merge, by path or inline,
 * with an optional target). As in Kustomize, the content-hash suffixes of generated names are added once, at the top
 * level, after every overlay has had its say, and the references to them in pod templates are rewritten then. The
 * hash is in Kustomize's style (sha256 of the kind, name, type and data; ten characters of its hex with 0, 1, 3, a, e
 * mapped to g, h, k, m, t) but not always Kustomize's value: what matters is that it changes with the content and that
 * every reference follows it.
 */
public final class Kustomize {

    private static final Set<String> FIELDS = Set.of(
            "apiVersion",
            "kind",
            "namespace",
            "labels",
            "resources",
            "configMapGenerator",
            "secretGenerator",
            "generatorOptions",
            "images",
            "replicas",
            "patches");

    /** Kinds Kubernetes keeps outside namespaces: the namespace transformer leaves them alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "Node",
            "PersistentVolume",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "StorageClass",
            "PriorityClass",
            "IngressClass",
            "RuntimeClass",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
            "APIService",
            "CSIDriver",
            "CSINode",
            "VolumeAttachment",
            "CertificateSigningRequest");

    private static final Set<String> POD_TEMPLATE_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController");
    private static final Set<String> REPLICA_KINDS =
            Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

    /** A resource being built: the object, the name it was given before any hash, whether it gets a hash. */
    private static final class Res {
        final Map<String, Object> obj;
        final String originalName;
        boolean needsHash;

        Res(Map<String, Object> obj, boolean needsHash) {
            this.obj = obj;
            this.originalName = name(obj);
            this.needsHash = needsHash;
        }

        String id() {
            return kind(obj) + "/" + (namespace(obj) == null ? "" : namespace(obj) + "/") + originalName;
        }
    }

    private Kustomize() {}

    /**
     * @param dir a folder holding a kustomization.yaml
     * @return the rendered objects, in resource order
     * @throws KustomizeException when the kustomization cannot be rendered or uses an unsupported feature
     */
    public static List<Map<String, Object>> build(Path dir) {
        List<Res> resources = accumulate(dir.toAbsolutePath().normalize());
        Map<String, String> renamed = new HashMap<>();
        for (Res r : resources) {
            if (r.needsHash) {
                String hashed = r.originalName + "-" + hash(r.obj);
                metadata(r.obj).put("name", hashed);
                renamed.put(kind(r.obj) + "/" + Objects.toString(namespace(r.obj), "") + "/" + r.originalName, hashed);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Res r : resources) {
            if (!renamed.isEmpty()) {
                rewriteReferences(r.obj, renamed);
            }
            out.add(r.obj);
        }
        return out;
    }

    /** @return the kustomization file of the folder */
    public static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new KustomizeException(dir + ": no kustomization.yaml");
    }

    @SuppressWarnings("unchecked")
    private static List<Res> accumulate(Path dir) {
        Path file = kustomizationFile(dir);
        Map<String, Object> k = Yamls.loadMap(file);
        for (String field : k.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new KustomizeException(file + ": kustomization field '" + field
                        + "' is not supported by this renderer (supported: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        Object kind = k.get("kind");
        if (kind != null && !"Kustomization".equals(kind)) {
            throw new KustomizeException(file + ": kind " + kind + " is not supported (only Kustomization)");
        }
        List<Res> resources = new ArrayList<>();
        for (Object entry : list(k, "resources", file)) {
            String ref = String.valueOf(entry);
            if (ref.contains("://") || ref.startsWith("github.com/")) {
                throw new KustomizeException(file + ": remote resource " + ref + " is not supported");
            }
            Path path = dir.resolve(ref).normalize();
            if (Files.isDirectory(path)) {
                for (Res r : accumulate(path)) {
                    add(resources, r, file);
                }
            } else if (Files.isRegularFile(path)) {
                for (Map<String, Object> obj : objects(local(dir, ref, file))) {
                    add(resources, new Res(obj, false), file);
                }
            } else {
                throw new KustomizeException(file + ": resource " + ref + " does not exist");
            }
        }

        Map<String, Object> options = map(k.get("generatorOptions"), "generatorOptions", file);
        checkKeys(options, Set.of("labels", "annotations", "disableNameSuffixHash"), "generatorOptions", file);
        for (Object g : list(k, "configMapGenerator", file)) {
            generate(resources, map(g, "configMapGenerator", file), options, false, dir, file);
        }
        for (Object g : list(k, "secretGenerator", file)) {
            generate(resources, map(g, "secretGenerator", file), options, true, dir, file);
        }

        for (Object p : list(k, "patches", file)) {
            patch(resources, map(p, "patches", file), dir, file);
        }
        if (k.get("namespace") != null) {
            String ns = String.valueOf(k.get("namespace"));
            for (Res r : resources) {
                if (!CLUSTER_SCOPED.contains(kind(r.obj))) {
                    metadata(r.obj).put("namespace", ns);
                }
            }
        }
        for (Object l : list(k, "labels", file)) {
            labels(resources, map(l, "labels", file), file);
        }
        for (Object rep : list(k, "replicas", file)) {
            replicas(resources, map(rep, "replicas", file), file);
        }
        for (Object img : list(k, "images", file)) {
            Map<String, Object> image = map(img, "images", file);
            checkKeys(image, Set.of("name", "newName", "newTag", "digest"), "images", file);
            for (Res r : resources) {
                images(r.obj, image);
            }
        }
        return resources;
    }

    private static void add(List<Res> resources, Res r, Path file) {
        for (Res existing : resources) {
            if (existing.id().equals(r.id())) {
                throw new KustomizeException(file + ": " + r.id() + " is defined twice");
            }
        }
        resources.add(r);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Path file) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : Yamls.loadAll(file)) {
            if (!(doc instanceof Map<?, ?> m)) {
                throw new KustomizeException(file + ": a document is not a mapping");
            }
            Map<String, Object> obj = (Map<String, Object>) m;
            if ("List".equals(obj.get("kind")) && obj.get("items") instanceof List<?> items) {
                for (Object item : items) {
                    out.add((Map<String, Object>) item);
                }
                continue;
            }
            if (obj.get("kind") == null || obj.get("apiVersion") == null || name(obj) == null) {
                throw new KustomizeException(file + ": a document lacks apiVersion, kind or metadata.name");
            }
            out.add(obj);
        }
        return out;
    }

    /** A file named by a kustomization: it must lie in or under the kustomization's folder, as in Kustomize. */
    private static Path local(Path dir, String ref, Path file) {
        Path path = dir.resolve(ref).normalize();
        if (!path.startsWith(dir)) {
            throw new KustomizeException(
                    file + ": " + ref + " is outside the kustomization's folder (Kustomize refuses it)");
        }
        if (!Files.isRegularFile(path)) {
            throw new KustomizeException(file + ": file " + ref + " does not exist");
        }
        return path;
    }

    // --- generators

    @SuppressWarnings("unchecked")
    private static void generate(
            List<Res> resources,
            Map<String, Object> g,
            Map<String, Object> options,
            boolean secret,
            Path dir,
            Path file) {
        String what = secret ? "secretGenerator" : "configMapGenerator";
        checkKeys(
                g,
                secret
                        ? Set.of("name", "namespace", "behavior", "literals", "files", "envs", "options", "type")
                        : Set.of("name", "namespace", "behavior", "literals", "files", "envs", "options"),
                what,
                file);
        String name = (String) g.get("name");
        if (name == null) {
            throw new KustomizeException(file + ": a " + what + " without a name");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (Object lit : list(g, "literals", file)) {
            String s = String.valueOf(lit);
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new KustomizeException(
                        file + ": " + what + " " + name + ": literal '" + s + "' is not KEY=VALUE");
            }
            put(data, s.substring(0, eq), unquote(s.substring(eq + 1)), name, file);
        }
        for (Object env : list(g, "envs", file)) {
            Path envFile = local(dir, String.valueOf(env), file);
            for (String line : Yamls.read(envFile).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new KustomizeException(envFile + ": line '" + l + "' is not KEY=VALUE");
                }
                put(data, l.substring(0, eq), l.substring(eq + 1), name, file);
            }
        }
        Map<String, String> binary = new LinkedHashMap<>();
        for (Object f : list(g, "files", file)) {
            String s = String.valueOf(f);
            int eq = s.indexOf('=');
            String key = eq > 0 ? s.substring(0, eq) : Path.of(s).getFileName().toString();
            Path source = local(dir, eq > 0 ? s.substring(eq + 1) : s, file);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
                put(data, key, text, name, file);
            } catch (CharacterCodingException e) {
                binary.put(key, Base64.getEncoder().encodeToString(bytes));
            }
        }
        Map<String, Object> opts = map(g.get("options"), what + " options", file);
        checkKeys(opts, Set.of("labels", "annotations", "disableNameSuffixHash"), what + " options", file);

        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("apiVersion", "v1");
        obj.put("kind", secret ? "Secret" : "ConfigMap");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (g.get("namespace") != null) {
            meta.put("namespace", g.get("namespace"));
        }
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.putAll(map(options.get("labels"), "labels", file));
        labels.putAll(map(opts.get("labels"), "labels", file));
        if (!labels.isEmpty()) {
            meta.put("labels", labels);
        }
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.putAll(map(options.get("annotations"), "annotations", file));
        annotations.putAll(map(opts.get("annotations"), "annotations", file));
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        obj.put("metadata", meta);
        Map<String, Object> encoded = new TreeMap<>();
        data.forEach((key, v) -> encoded.put(key, secret ? base64(v) : v));
        if (secret) {
            // a Secret's data is base64 anyway: a binary file's bytes go there too
            encoded.putAll(binary);
            binary.clear();
            obj.put("type", g.getOrDefault("type", "Opaque"));
        }
        if (!encoded.isEmpty()) {
            obj.put("data", encoded);
        }
        if (!binary.isEmpty()) {
            obj.put("binaryData", new TreeMap<>(binary));
        }
        boolean hash =
                !Boolean.TRUE.equals(opts.getOrDefault("disableNameSuffixHash", options.get("disableNameSuffixHash")));

        String behavior = String.valueOf(g.getOrDefault("behavior", "create"));
        Res existing = null;
        for (Res r : resources) {
            if (kind(r.obj).equals(obj.get("kind"))
                    && r.originalName.equals(name)
                    && Objects.equals(namespace(r.obj), g.get("namespace"))) {
                existing = r;
            }
        }
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new KustomizeException(
                            file + ": " + what + " " + name + " already exists (use behavior: merge or replace)");
                }
                resources.add(new Res(obj, hash));
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new KustomizeException(
                            file + ": " + what + " " + name + " has behavior " + behavior + " but no such object");
                }
                for (String field : List.of("data", "binaryData")) {
                    Map<String, Object> fresh = (Map<String, Object>) obj.get(field);
                    if (behavior.equals("replace")) {
                        existing.obj.remove(field);
                    }
                    if (fresh != null) {
                        Map<String, Object> target =
                                (Map<String, Object>) existing.obj.computeIfAbsent(field, x -> new TreeMap<>());
                        target.putAll(fresh);
                    }
                }
                Map<String, Object> existingMeta = metadata(existing.obj);
                for (String field : List.of("labels", "annotations")) {
                    if (meta.get(field) != null) {
                        ((Map<String, Object>) existingMeta.computeIfAbsent(field, x -> new LinkedHashMap<>()))
                                .putAll((Map<String, Object>) meta.get(field));
                    }
                }
                existing.needsHash = existing.needsHash || hash;
                if (opts.get("disableNameSuffixHash") != null) {
                    existing.needsHash = hash;
                }
            }
            default -> throw new KustomizeException(file + ": " + what + " " + name + ": unknown behavior " + behavior);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(Map<String, String> data, String key, String value, String name, Path file) {
        if (data.put(key, value) != null) {
            throw new KustomizeException(file + ": generator " + name + ": key " + key + " given twice");
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && ((value.startsWith("\"") && value.endsWith("\""))
                        || (value.startsWith("'") && value.endsWith("'")))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    // --- patches

    @SuppressWarnings("unchecked")
    private static void patch(List<Res> resources, Map<String, Object> p, Path dir, Path file) {
        checkKeys(p, Set.of("path", "patch", "target", "options"), "patches", file);
        if (p.get("options") != null) {
            throw new KustomizeException(file + ": patch options are not supported");
        }
        String where;
        List<Object> docs;
        if (p.get("path") != null) {
            Path patchFile = local(dir, String.valueOf(p.get("path")), file);
            where = patchFile.toString();
            docs = Yamls.loadAll(patchFile);
        } else if (p.get("patch") != null) {
            where = file + " (inline patch)";
            docs = Yamls.loadAll(String.valueOf(p.get("patch")));
        } else {
            throw new KustomizeException(file + ": a patch without path or patch");
        }
        Map<String, Object> target = map(p.get("target"), "patch target", file);
        checkKeys(target, Set.of("kind", "name", "namespace"), "patch target (only kind, name, namespace)", file);
        for (Object doc : docs) {
            if (!(doc instanceof Map)) {
                throw new KustomizeException(where + ": JSON 6902 patches (a list of operations) are not supported");
            }
            Map<String, Object> patch = (Map<String, Object>) doc;
            String kind = (String) (target.isEmpty() ? patch.get("kind") : target.get("kind"));
            String name = (String) (target.isEmpty() ? name(patch) : target.get("name"));
            String ns = (String) (target.isEmpty() ? namespace(patch) : target.get("namespace"));
            if (target.isEmpty() && (kind == null || name == null)) {
                throw new KustomizeException(where + ": a strategic-merge patch needs kind and metadata.name");
            }
            Pattern namePattern = name == null ? null : Pattern.compile(target.isEmpty() ? Pattern.quote(name) : name);
            List<Res> matched = new ArrayList<>();
            for (Res r : resources) {
                if ((kind == null || kind.equals(kind(r.obj)))
                        && (namePattern == null
                                || namePattern.matcher(r.originalName).matches()
                                || namePattern.matcher(name(r.obj)).matches())
                        && (ns == null || ns.equals(namespace(r.obj)))) {
                    matched.add(r);
                }
            }
            if (matched.isEmpty()) {
                throw new KustomizeException(where + ": no resource matches the patch's target " + kind + "/" + name);
            }
            for (Res r : matched) {
                if ("delete".equals(patch.get("$patch"))) {
                    resources.remove(r);
                    continue;
                }
                Map<String, Object> body = StrategicMerge.deepCopyMap(patch);
                body.remove("apiVersion");
                body.remove("kind");
                if (body.get("metadata") instanceof Map<?, ?> meta) {
                    meta.remove("name");
                    meta.remove("namespace");
                    if (meta.isEmpty()) {
                        body.remove("metadata");
                    }
                }
                StrategicMerge.apply(r.obj, body, where);
            }
        }
    }

    // --- transformers

    @SuppressWarnings("unchecked")
    private static void labels(List<Res> resources, Map<String, Object> spec, Path file) {
        checkKeys(spec, Set.of("pairs", "includeSelectors", "includeTemplates"), "labels", file);
        Map<String, Object> pairs = map(spec.get("pairs"), "labels pairs", file);
        boolean selectors = Boolean.TRUE.equals(spec.get("includeSelectors"));
        boolean templates = selectors || Boolean.TRUE.equals(spec.get("includeTemplates"));
        for (Res r : resources) {
            Map<String, Object> obj = r.obj;
            String kind = kind(obj);
            putAll(obj, List.of("metadata", "labels"), pairs, true);
            if (templates && POD_TEMPLATE_KINDS.contains(kind)) {
                putAll(obj, List.of("spec", "template", "metadata", "labels"), pairs, true);
            }
            if (templates && kind.equals("StatefulSet") && child(obj, "spec") != null) {
                Object vcts = child(obj, "spec").get("volumeClaimTemplates");
                if (vcts instanceof List<?> l) {
                    for (Object t : l) {
                        putAll((Map<String, Object>) t, List.of("metadata", "labels"), pairs, true);
                    }
                }
            }
            if (templates && kind.equals("CronJob")) {
                putAll(obj, List.of("spec", "jobTemplate", "metadata", "labels"), pairs, true);
                putAll(obj, List.of("spec", "jobTemplate", "spec", "template", "metadata", "labels"), pairs, true);
            }
            if (selectors) {
                switch (kind) {
                    case "Service" -> putAll(obj, List.of("spec", "selector"), pairs, true);
                    case "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet" ->
                        putAll(obj, List.of("spec", "selector", "matchLabels"), pairs, true);
                    case "Job", "PodDisruptionBudget" ->
                        putAll(obj, List.of("spec", "selector", "matchLabels"), pairs, false);
                    case "NetworkPolicy" -> putAll(obj, List.of("spec", "podSelector", "matchLabels"), pairs, false);
                    default -> {}
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void putAll(Map<String, Object> obj, List<String> path, Map<String, Object> pairs, boolean create) {
        Map<String, Object> at = obj;
        for (String step : path) {
            Object next = at.get(step);
            if (next == null) {
                if (!create) {
                    return;
                }
                next = new LinkedHashMap<String, Object>();
                at.put(step, next);
            }
            if (!(next instanceof Map)) {
                return;
            }
            at = (Map<String, Object>) next;
        }
        for (Map.Entry<String, Object> e : pairs.entrySet()) {
            at.put(e.getKey(), String.valueOf(e.getValue()));
        }
    }

    @SuppressWarnings("unchecked")
    private static void replicas(List<Res> resources, Map<String, Object> spec, Path file) {
        checkKeys(spec, Set.of("name", "count"), "replicas", file);
        boolean found = false;
        for (Res r : resources) {
            if (REPLICA_KINDS.contains(kind(r.obj)) && Objects.equals(name(r.obj), spec.get("name"))) {
                ((Map<String, Object>) r.obj.computeIfAbsent("spec", x -> new LinkedHashMap<>()))
                        .put("replicas", spec.get("count"));
                found = true;
            }
        }
        if (!found) {
            throw new KustomizeException(file + ": replicas: no Deployment or StatefulSet named " + spec.get("name"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void images(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
                        && e.getValue() instanceof List<?> containers) {
                    for (Object c : containers) {
                        if (c instanceof Map<?, ?> container && container.get("image") instanceof String ref) {
                            String updated = retag(ref, image);
                            if (updated != null) {
                                ((Map<String, Object>) container).put("image", updated);
                            }
                        }
                    }
                }
                images(e.getValue(), image);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> images(item, image));
        }
    }

    /** @return the image reference with the new name/tag/digest, or null when the image is another one */
    static String retag(String ref, Map<String, Object> image) {
        String name = ref;
        String digest = null;
        String tag = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(image.get("name"))) {
            return null;
        }
        if (image.get("newName") != null) {
            name = String.valueOf(image.get("newName"));
        }
        if (image.get("newTag") != null) {
            tag = String.valueOf(image.get("newTag"));
            digest = null;
        }
        if (image.get("digest") != null) {
            digest = String.valueOf(image.get("digest"));
            tag = null;
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    // --- names and references

    /** Kustomize's content hash of a ConfigMap or Secret (see the class comment). */
    @SuppressWarnings("unchecked")
    static String hash(Map<String, Object> obj) {
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", kind(obj));
        m.put("name", name(obj));
        m.put("data", obj.get("data") == null ? "" : obj.get("data"));
        if (kind(obj).equals("Secret")) {
            m.put("type", obj.get("type"));
        } else if (obj.get("binaryData") != null) {
            m.put("binaryData", obj.get("binaryData"));
        }
        String json = json(m);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            char[] hex = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < hex.length; i++) {
                hex[i] = switch (hex[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> hex[i];
                };
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's encoding/json of maps (sorted keys) and strings (HTML-safe escapes). */
    private static String json(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            new TreeMap<>(m).forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(json(String.valueOf(k))).append(':').append(json(v));
            });
            return sb.append('}').toString();
        }
        if (value == null) {
            return "null";
        }
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Rewrites references to generated ConfigMaps and Secrets in pod templates to their hashed names. */
    @SuppressWarnings("unchecked")
    private static void rewriteReferences(Map<String, Object> obj, Map<String, String> renamed) {
        String ns = Objects.toString(namespace(obj), "");
        Map<String, Object> podSpec = podSpec(obj);
        if (podSpec == null) {
            return;
        }
        rewrite(podSpec, ns, renamed);
    }

    @SuppressWarnings("unchecked")
    private static void rewrite(Object node, String ns, Map<String, String> renamed) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                String kind =
                        switch (e.getKey()) {
                            case "configMapRef", "configMapKeyRef", "configMap" -> "ConfigMap";
                            case "secretRef", "secretKeyRef", "secret" -> "Secret";
                            default -> null;
                        };
                if (kind != null && e.getValue() instanceof Map<?, ?> ref) {
                    String field = ref.containsKey("secretName") ? "secretName" : "name";
                    String hashed = renamed.get(kind + "/" + ns + "/" + ref.get(field));
                    if (hashed != null) {
                        ((Map<String, Object>) ref).put(field, hashed);
                    }
                }
                if (e.getKey().equals("imagePullSecrets") && e.getValue() instanceof List<?> l) {
                    for (Object s : l) {
                        if (s instanceof Map<?, ?> ref && renamed.get("Secret/" + ns + "/" + ref.get("name")) != null) {
                            ((Map<String, Object>) ref)
                                    .put("name", renamed.get("Secret/" + ns + "/" + ref.get("name")));
                        }
                    }
                }
                rewrite(e.getValue(), ns, renamed);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> rewrite(item, ns, renamed));
        }
    }

    /** @return the pod spec of a workload (spec.template.spec, a CronJob's job template, a Pod's spec), or null */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> podSpec(Map<String, Object> obj) {
        String kind = kind(obj);
        Map<String, Object> spec = child(obj, "spec");
        if (spec == null) {
            return null;
        }
        if (kind.equals("Pod")) {
            return spec;
        }
        if (kind.equals("CronJob")) {
            Map<String, Object> jobSpec = child(child(spec, "jobTemplate"), "spec");
            return child(child(jobSpec, "template"), "spec");
        }
        if (POD_TEMPLATE_KINDS.contains(kind)) {
            return child(child(spec, "template"), "spec");
        }
        return null;
    }

    // --- small helpers

    public static String kind(Map<String, Object> obj) {
        return String.valueOf(obj.get("kind"));
    }

    public static String name(Map<String, Object> obj) {
        Map<String, Object> meta = child(obj, "metadata");
        return meta == null || meta.get("name") == null ? null : String.valueOf(meta.get("name"));
    }

    public static String namespace(Map<String, Object> obj) {
        Map<String, Object> meta = child(obj, "metadata");
        return meta == null || meta.get("namespace") == null ? null : String.valueOf(meta.get("namespace"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> obj) {
        return (Map<String, Object>) obj.computeIfAbsent("metadata", x -> new LinkedHashMap<String, Object>());
    }

    /** @return the map under the key, or null (also for a null parent) */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> child(Map<String, Object> parent, String key) {
        if (parent == null) {
            return null;
        }
        Object value = parent.get(key);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what, Path file) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map)) {
            throw new KustomizeException(file + ": " + what + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key, Path file) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new KustomizeException(file + ": " + key + " must be a list");
        }
        return (List<Object>) value;
    }

    private static void checkKeys(Map<String, Object> map, Set<String> allowed, String what, Path file) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new KustomizeException(
                        file + ": " + what + " field '" + key + "' is not supported by this renderer (supported: "
                                + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
