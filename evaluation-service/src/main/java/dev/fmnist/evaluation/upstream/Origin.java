package dev.fmnist.evaluation.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an upstream listens, from its configured base URL ({@code http://training-service:8082}).
 *
 * @param url      the URL as configured, for messages
 * @param ssl      whether it is {@code https}
 * @param host     its host
 * @param port     its port (80 or 443 when the URL names none)
 * @param basePath a path the upstream is served under, put before every forwarded path ({@code ""} for none)
 */
public record Origin(String url, boolean ssl, String host, int port, String basePath) {

    /**
     * @param property the configuration property, for the error message
     * @param url      an absolute {@code http} or {@code https} URL with a host, no query and no fragment
     * @return the origin
     * @throws IllegalArgumentException naming the property when the URL is not one
     */
    public static Origin parse(String property, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(property, url, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(property, url, "the scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw invalid(property, url, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(property, url, "it must have no query, fragment or user");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() == -1 ? (ssl ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Origin(url.strip(), ssl, uri.getHost(), port, path);
    }

    private static IllegalArgumentException invalid(String property, String url, String why) {
        return new IllegalArgumentException(property + " = '" + url + "' is not a service URL: " + why);
    }
}
