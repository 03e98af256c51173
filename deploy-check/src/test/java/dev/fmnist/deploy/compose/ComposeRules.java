package dev.fmnist.deploy.compose;

import dev.fmnist.deploy.kustomize.Yamls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules docker-compose.yml must meet: every published port bound to 127.0.0.1 ({@code 127.0.0.1:8081:8081}, or
 * an interpolation defaulting to it, {@code ${FMNIST_BIND:-127.0.0.1}:8081:8081}); every service with a memory limit
 * ({@code mem_limit} or {@code deploy.resources.limits.memory}); no password (an environment variable whose name holds
 * PASSWORD or SECRET) given as a literal: they come from {@code ${VAR}} interpolation (an .env file that is not
 * committed).
 */
public final class ComposeRules {

    private static final Pattern LOCAL_HOST = Pattern.compile("127\\.0\\.0\\.1|\\$\\{[A-Za-z0-9_]+:?-127\\.0\\.0\\.1}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET).*");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[^}]+}");

    private ComposeRules() {}

    /** @return one line per problem, naming the service and the rule */
    @SuppressWarnings("unchecked")
    public static List<String> check(Path composeFile) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> compose =
                (Map<String, Object>) Yamls.loadAll(composeFile).get(0);
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        if (services == null || services.isEmpty()) {
            problems.add(composeFile + ": no services");
            return problems;
        }
        services.forEach((name, raw) -> {
            Map<String, Object> service = (Map<String, Object>) raw;
            for (Object port : service.get("ports") instanceof List<?> l ? l : List.of()) {
                String host = hostIp(port);
                if (host == null || !LOCAL_HOST.matcher(host).matches()) {
                    problems.add(name + ": ports-on-localhost: port " + port + " is published on "
                            + (host == null ? "every interface" : host) + ", not on 127.0.0.1");
                }
            }
            Object deployMemory = dig(service, "deploy", "resources", "limits", "memory");
            if (service.get("mem_limit") == null && deployMemory == null) {
                problems.add(name + ": memory-limit: no mem_limit (nor deploy.resources.limits.memory)");
            }
            Object env = service.get("environment");
            if (env instanceof Map<?, ?> m) {
                m.forEach((k, v) -> literal(name, String.valueOf(k), v, problems));
            } else if (env instanceof List<?> l) {
                for (Object item : l) {
                    String s = String.valueOf(item);
                    int eq = s.indexOf('=');
                    if (eq > 0) {
                        literal(name, s.substring(0, eq), s.substring(eq + 1), problems);
                    }
                }
            }
        });
        return problems;
    }

    private static void literal(String service, String key, Object value, List<String> problems) {
        if (SECRET_NAME.matcher(key).matches()
                && value != null
                && !INTERPOLATION.matcher(String.valueOf(value).strip()).matches()) {
            problems.add(service + ": no-literal-passwords: " + key + " is a literal (give it as ${VAR} from .env)");
        }
    }

    /** @return the host address a port entry publishes on, or null for every interface */
    @SuppressWarnings("unchecked")
    static String hostIp(Object port) {
        if (port instanceof Map<?, ?> m) {
            Object ip = ((Map<String, Object>) m).get("host_ip");
            return ip == null ? null : String.valueOf(ip);
        }
        String s = String.valueOf(port);
        // host_ip:published:target, with host_ip possibly an interpolation holding ':' (${X:-127.0.0.1})
        int last = s.lastIndexOf(':');
        if (last < 0) {
            return null;
        }
        int second = s.lastIndexOf(':', last - 1);
        if (second < 0) {
            return null;
        }
        return s.substring(0, second);
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> map, String... path) {
        Object at = map;
        for (String step : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(step);
        }
        return at;
    }
}
