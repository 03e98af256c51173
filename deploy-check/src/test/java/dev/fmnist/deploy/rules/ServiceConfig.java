package dev.fmnist.deploy.rules;

import dev.fmnist.deploy.Repo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code src/main/resources/application.properties} says: its property keys, the environment
 * variables it reads ({@code ${NAME...}}), and its Kafka channels (topic and group id of each
 * {@code mp.messaging.incoming|outgoing.<channel>}). Profile-prefixed keys ({@code %dev.}, {@code %test.}) count as
 * properties but not as channels of the deployed service. The properties its code declares count as keys too: the
 * {@code @ConfigMapping} interfaces of its sources and of kit (method names in kebab case under the prefix, nested
 * interfaces as groups) and every {@code @ConfigProperty(name = ...)}.
 */
public record ServiceConfig(
        String service,
        Set<String> keys,
        Set<String> referenced,
        Map<String, Channel> incoming,
        Map<String, Channel> outgoing) {

    /** The four services of the pipeline. */
    public static final List<String> SERVICES =
            List.of("ingest-service", "training-service", "inference-service", "evaluation-service");

    /** A Kafka channel: its topic and (incoming only) its group id, null where not set. */
    public record Channel(String name, String topic, String groupId) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");
    private static final Pattern CHANNEL =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|group\\.id)");

    private static final Map<String, ServiceConfig> CACHE = new TreeMap<>();

    /** @return the configuration of a service, read from its application.properties */
    public static synchronized ServiceConfig of(String service) {
        return CACHE.computeIfAbsent(
                service, s -> read(s, Repo.root().resolve(s).resolve("src/main/resources/application.properties")));
    }

    static ServiceConfig read(String service, Path file) {
        ServiceConfig fromProperties = readProperties(service, file);
        Set<String> keys = new TreeSet<>(fromProperties.keys());
        for (String module : List.of(service, "kit")) {
            keys.addAll(declaredProperties(Repo.root().resolve(module).resolve("src/main/java")));
        }
        return new ServiceConfig(
                service, keys, fromProperties.referenced(), fromProperties.incoming(), fromProperties.outgoing());
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([\\w.]+(?:<[\\w<>, .?]+>)?)\\s+(\\w+)\\(\\)\\s*;");

    /** @return the property names the Java sources under the folder declare */
    static Set<String> declaredProperties(Path sources) {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return out;
        }
        try (var files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher cp = CONFIG_PROPERTY.matcher(text);
                while (cp.find()) {
                    out.add(cp.group(1));
                }
                Matcher mapping = MAPPING.matcher(text);
                if (mapping.find()) {
                    out.addAll(mappingProperties(mapping.group(1), text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The properties of a @ConfigMapping source: its interfaces' methods, nested interfaces expanded. */
    private static Set<String> mappingProperties(String prefix, String text) {
        Map<String, List<String[]>> methods = new LinkedHashMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        java.util.Deque<Integer> depths = new java.util.ArrayDeque<>();
        int depth = 0;
        String top = null;
        for (String line : text.split("\n")) {
            Matcher i = INTERFACE.matcher(line);
            if (i.find() && !line.strip().startsWith("*") && !line.strip().startsWith("//")) {
                stack.push(i.group(1));
                depths.push(depth);
                methods.putIfAbsent(i.group(1), new java.util.ArrayList<>());
                if (top == null) {
                    top = i.group(1);
                }
            }
            Matcher m = METHOD.matcher(line);
            if (m.find() && !stack.isEmpty()) {
                String type = m.group(1).replaceAll(".*<([\\w.]+)>.*", "$1");
                methods.get(stack.peek()).add(new String[] {type.substring(type.lastIndexOf('.') + 1), m.group(2)});
            }
            for (char ch : line.toCharArray()) {
                if (ch == '{') {
                    depth++;
                } else if (ch == '}') {
                    depth--;
                    if (!depths.isEmpty() && depth == depths.peek()) {
                        depths.pop();
                        stack.pop();
                    }
                }
            }
        }
        Set<String> out = new TreeSet<>();
        if (top != null) {
            expand(prefix, top, methods, out, 0);
        }
        return out;
    }

    private static void expand(
            String prefix, String type, Map<String, List<String[]>> methods, Set<String> out, int n) {
        if (n > 8) {
            return;
        }
        for (String[] m : methods.getOrDefault(type, List.of())) {
            String key =
                    prefix + "." + m[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            if (methods.containsKey(m[0])) {
                expand(key, m[0], methods, out, n + 1);
            } else {
                out.add(key);
            }
        }
    }

    private static ServiceConfig readProperties(String service, Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Set<String> keys = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        Map<String, String[]> in = new LinkedHashMap<>();
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String rawKey : new TreeSet<>(props.stringPropertyNames())) {
            boolean profiled = rawKey.startsWith("%");
            String key = profiled ? rawKey.substring(rawKey.indexOf('.') + 1) : rawKey;
            keys.add(key);
            Matcher m = PLACEHOLDER.matcher(props.getProperty(rawKey));
            while (m.find()) {
                referenced.add(m.group(1));
            }
            Matcher c = CHANNEL.matcher(rawKey);
            if (!profiled && c.matches()) {
                Map<String, String[]> channels = c.group(1).equals("incoming") ? in : out;
                String[] tg = channels.computeIfAbsent(c.group(2), x -> new String[2]);
                tg[c.group(3).equals("topic") ? 0 : 1] =
                        props.getProperty(rawKey).strip();
            }
        }
        return new ServiceConfig(service, keys, referenced, channels(in), channels(out));
    }

    private static Map<String, Channel> channels(Map<String, String[]> raw) {
        Map<String, Channel> out = new LinkedHashMap<>();
        raw.forEach((name, tg) -> out.put(name, new Channel(name, tg[0] == null ? name : tg[0], tg[1])));
        return out;
    }

    /** @return the environment-variable form of a property key: upper case, every other character an underscore */
    public static String envForm(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * @param name an environment variable
     * @return whether the service reads it: its properties mention {@code ${NAME}}, or have a key (or refer to a
     *     property) whose environment form is NAME
     */
    public boolean reads(String name) {
        if (referenced.contains(name)) {
            return true;
        }
        for (String key : keys) {
            if (envForm(key).equals(name)) {
                return true;
            }
        }
        for (String ref : referenced) {
            if (envForm(ref).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
