package dev.fmnist.inference.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The base URLs a model event's {@code artifactUrl} may point under: the configured registry and any further bases
 * configured for it (for instance the registry's public address when it differs). An event pointing anywhere else
 * is forged or misconfigured and is refused; its URL is never fetched.
 *
 * <p>A URL is under a base when both are http(s) with the same scheme, host (case-insensitive) and effective port,
 * the URL has no user info, and its path (after removing {@code .} and {@code ..} segments) starts with the base's
 * path at a segment boundary. Paths holding encoded dots, slashes or backslashes are refused outright.
 */
public final class ArtifactUrlPolicy {

    private final List<URI> bases;

    /** @param bases allowed base URLs (at least one), e.g. {@code http://localhost:8082} */
    public ArtifactUrlPolicy(List<String> bases) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed base URL is needed");
        }
        List<URI> parsed = new ArrayList<>();
        for (String base : bases) {
            parsed.add(parseBase(base));
        }
        this.bases = List.copyOf(parsed);
    }

    /** @return whether {@code url} is under one of the allowed bases */
    public boolean allows(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url.trim()).normalize();
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!uri.isAbsolute()
                || uri.isOpaque()
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !(scheme.equals("http") || scheme.equals("https"))) {
            return false;
        }
        String lowerPath = rawPath.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("%2e")
                || lowerPath.contains("%2f")
                || lowerPath.contains("%5c")
                || rawPath.contains("\\")
                || rawPath.contains("/../")
                || rawPath.endsWith("/..")) {
            return false;
        }
        for (URI base : bases) {
            if (base.getScheme().equalsIgnoreCase(scheme)
                    && base.getHost().equalsIgnoreCase(uri.getHost())
                    && port(base) == port(uri)
                    && underPath(base.getRawPath(), rawPath)) {
                return true;
            }
        }
        return false;
    }

    /** @return the allowed bases, for messages */
    public String describe() {
        return bases.toString();
    }

    private static boolean underPath(String basePath, String path) {
        String prefix = basePath == null
                ? ""
                : basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * @param base a configured base URL
     * @return it parsed, without a trailing slash
     * @throws IllegalArgumentException when it is not an absolute http(s) URL without query, fragment or user info
     */
    static URI parseBase(String base) {
        URI uri;
        try {
            String trimmed = base.trim();
            uri = new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + base + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + base + "' is not an http(s) base URL (scheme://host[:port][/path]"
                    + " without query, fragment or user info)");
        }
        return uri;
    }
}
