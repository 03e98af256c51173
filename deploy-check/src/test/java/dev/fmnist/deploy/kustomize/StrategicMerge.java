package dev.fmnist.deploy.kustomize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The strategic-merge patch subset Kustomize applies with the built-in Kubernetes schema: maps merge recursively, a
 * {@code null} value removes the key, lists of maps with a known merge key merge item by item (containers, env,
 * volumes... by {@code name}; volumeMounts by {@code mountPath}; container ports by {@code containerPort}, Service
 * ports by {@code port}), every other list is replaced; {@code $patch: delete} on a list item removes the item,
 * {@code $patch: replace} on a map replaces it. For custom resources (an apiVersion group with a dot that is not a
 * Kubernetes group), as in Kustomize, no list has a merge key: lists are replaced.
 */
final class StrategicMerge {

    private static final Map<String, String> NAME_KEYED = Map.ofEntries(
            Map.entry("containers", "name"),
            Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"),
            Map.entry("env", "name"),
            Map.entry("volumes", "name"),
            Map.entry("imagePullSecrets", "name"),
            Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"),
            Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("resourceClaims", "name"));

    private final boolean builtIn;
    private final String where;

    private StrategicMerge(boolean builtIn, String where) {
        this.builtIn = builtIn;
        this.where = where;
    }

    /**
     * @param target the object patched (changed in place)
     * @param patch  the strategic-merge patch
     * @param where  names the patch in error messages
     */
    static void apply(Map<String, Object> target, Map<String, Object> patch, String where) {
        new StrategicMerge(isBuiltIn(String.valueOf(target.get("apiVersion"))), where).mergeMap(target, patch, "");
    }

    static boolean isBuiltIn(String apiVersion) {
        if (!apiVersion.contains("/")) {
            return true;
        }
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    @SuppressWarnings("unchecked")
    private void mergeMap(Map<String, Object> target, Map<String, Object> patch, String path) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                if (!key.equals("$patch")) {
                    throw new KustomizeException(where + ": unsupported patch directive " + key + " at " + path);
                }
                continue;
            }
            if (value == null) {
                target.remove(key);
                continue;
            }
            Object current = target.get(key);
            if (value instanceof Map<?, ?> pm) {
                Object directive = pm.get("$patch");
                if ("replace".equals(directive)) {
                    Map<String, Object> copy = deepCopyMap((Map<String, Object>) pm);
                    copy.remove("$patch");
                    target.put(key, copy);
                } else if ("delete".equals(directive)) {
                    target.remove(key);
                } else if (directive != null) {
                    throw new KustomizeException(where + ": unsupported $patch: " + directive + " at " + path + key);
                } else if (current instanceof Map) {
                    mergeMap((Map<String, Object>) current, (Map<String, Object>) pm, path + key + ".");
                } else {
                    Map<String, Object> fresh = new LinkedHashMap<>();
                    mergeMap(fresh, (Map<String, Object>) pm, path + key + ".");
                    target.put(key, fresh);
                }
            } else if (value instanceof List<?> pl && current instanceof List<?> cl) {
                target.put(key, mergeList(key, (List<Object>) cl, (List<Object>) pl, path + key));
            } else {
                target.put(key, stripDirectives(deepCopy(value)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> mergeList(String key, List<Object> current, List<Object> patch, String path) {
        String mergeKey = builtIn ? mergeKey(key, patch) : null;
        if (mergeKey == null) {
            for (Object item : patch) {
                if (item instanceof Map<?, ?> m && m.containsKey("$patch")) {
                    throw new KustomizeException(where + ": $patch in list " + path + " that has no merge key");
                }
            }
            return new ArrayList<>(patch.stream().map(StrategicMerge::deepCopy).toList());
        }
        // as Kustomize (kyaml) orders them: the patch's items first, in its order, then the other items
        List<Object> result = new ArrayList<>();
        List<Object> rest = new ArrayList<>(current);
        for (Object item : patch) {
            if (!(item instanceof Map)) {
                throw new KustomizeException(where + ": " + path + " mixes maps and scalars");
            }
            Map<String, Object> pm = (Map<String, Object>) item;
            Object id = pm.get(mergeKey);
            if (id == null) {
                throw new KustomizeException(where + ": an item of " + path + " has no merge key " + mergeKey);
            }
            Map<String, Object> existing = null;
            for (Object c : rest) {
                if (c instanceof Map<?, ?> cm && Objects.equals(String.valueOf(cm.get(mergeKey)), String.valueOf(id))) {
                    existing = (Map<String, Object>) cm;
                    break;
                }
            }
            if (existing != null) {
                rest.remove(existing);
            }
            Object directive = pm.get("$patch");
            if ("delete".equals(directive)) {
                continue;
            }
            if ("replace".equals(directive)) {
                Map<String, Object> copy = deepCopyMap(pm);
                copy.remove("$patch");
                result.add(copy);
            } else if (directive != null) {
                throw new KustomizeException(where + ": unsupported $patch: " + directive + " in " + path);
            } else {
                Map<String, Object> merged = existing != null ? existing : new LinkedHashMap<>();
                mergeMap(merged, pm, path + "[" + mergeKey + "=" + id + "].");
                result.add(merged);
            }
        }
        result.addAll(rest);
        return result;
    }

    private static String mergeKey(String key, List<Object> patch) {
        if (key.equals("ports")) {
            for (Object item : patch) {
                if (item instanceof Map<?, ?> m) {
                    return m.containsKey("containerPort") ? "containerPort" : "port";
                }
            }
            return null;
        }
        return NAME_KEYED.get(key);
    }

    private static Object stripDirectives(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.remove("$patch");
            m.values().forEach(StrategicMerge::stripDirectives);
        } else if (value instanceof List<?> l) {
            l.forEach(StrategicMerge::stripDirectives);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopyMap(Map<String, Object> map) {
        return (Map<String, Object>) deepCopy(map);
    }

    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            for (Iterator<?> it = l.iterator(); it.hasNext(); ) {
                copy.add(deepCopy(it.next()));
            }
            return copy;
        }
        return value;
    }
}
