package dev.fmnist.evaluation.upstream;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which requests the gateway passes on: exactly the calls of {@link UpstreamService#calls()}, matched on the raw
 * (undecoded) request path. A variable segment must be a plain segment: not empty, not {@code .} or {@code ..} (even encoded), and
 * without an encoded slash or backslash, so no request can climb out of the allowed paths on the upstream.
 */
public final class AllowList {

    private AllowList() {}

    /** What to do with a request. */
    public sealed interface Decision permits Forward, NotFound, MethodNotAllowed {}

    /**
     * Pass it on.
     *
     * @param path the upstream's own path, e.g. {@code /models/m-1/promote} (the query is passed on as it came)
     */
    public record Forward(String path) implements Decision {}

    /** @param reason why no call of the upstream has this path */
    public record NotFound(String reason) implements Decision {}

    /**
     * The path is allowed with other methods only.
     *
     * @param allowed the methods allowed on the path, for the {@code Allow} header
     * @param reason  for people
     */
    public record MethodNotAllowed(Set<String> allowed, String reason) implements Decision {}

    /**
     * @param service the upstream whose prefix the request's path starts with
     * @param method  the request's method
     * @param rawPath the request's path as sent, without the query ({@code /api/training/models/m-1})
     * @return whether and where to pass it on
     */
    public static Decision decide(UpstreamService service, String method, String rawPath) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        String shown = upperMethod + " " + rawPath;
        if (!rawPath.startsWith(service.prefix() + "/")) {
            return new NotFound(notAllowed(service, shown));
        }
        String path = rawPath.substring(service.prefix().length());
        List<String> segments = segments(path);
        Set<String> methods = new TreeSet<>();
        for (UpstreamService.Call call : service.calls()) {
            if (matches(segments, segments(call.template()))) {
                if (call.method().equals(upperMethod)) {
                    return new Forward(path);
                }
                methods.add(call.method());
            }
        }
        if (methods.isEmpty()) {
            return new NotFound(notAllowed(service, shown));
        }
        return new MethodNotAllowed(
                methods,
                shown + ": the gateway to " + service.serviceName() + " allows only " + String.join(", ", methods)
                        + " on this path");
    }

    private static String notAllowed(UpstreamService service, String shown) {
        return shown + " is not a call the gateway passes on to " + service.serviceName() + " (allowed: "
                + String.join(
                        ", ",
                        service.calls().stream()
                                .map(c -> c.method() + " " + service.prefix() + c.template())
                                .toList())
                + ")";
    }

    private static List<String> segments(String path) {
        // "/a/b" -> ["a", "b"]; "/a/" -> ["a", ""] (an empty segment never matches)
        return Arrays.asList(path.substring(1).split("/", -1));
    }

    private static boolean matches(List<String> path, List<String> template) {
        if (path.size() != template.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            String expected = template.get(i);
            String actual = path.get(i);
            boolean variable = expected.startsWith("{") && expected.endsWith("}");
            if (variable ? !plainSegment(actual) : !expected.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainSegment(String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        String dots = lower.replace("%2e", ".");
        return !segment.isEmpty()
                && !dots.equals(".")
                && !dots.equals("..")
                && !segment.contains("\\")
                && !lower.contains("%2f")
                && !lower.contains("%5c");
    }
}
