package dev.fmnist.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fetches model files from their {@code artifactUrl} ({@code http:}, {@code https:} or {@code file:}), checks them
 * against the registry's SHA-256 and keeps them in a local cache named by that checksum, so a restart or a second
 * promotion of the same file does not download it again. A file whose checksum does not match is never kept.
 */
public final class ArtifactStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final Path cacheDir;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param cacheDir folder of the cache (created when missing)
     * @param timeout  longest wait for one http(s) download
     */
    public ArtifactStore(Path cacheDir, Duration timeout) {
        this.cacheDir = cacheDir;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @param url    where the file is
     * @param sha256 its expected SHA-256 (hex)
     * @return the verified file in the cache
     * @throws ArtifactException when it cannot be fetched or its checksum differs
     */
    public Path fetch(String url, String sha256) throws ArtifactException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new ArtifactException("the model event carries no valid artifactSha256 (" + sha256
                    + "); an unverifiable model is not loaded");
        }
        if (url == null || url.isBlank()) {
            throw new ArtifactException("the model event carries no artifactUrl");
        }
        String expected = sha256.toLowerCase(Locale.ROOT);
        Path cached = cacheDir.resolve(expected + ".model.zip");
        try {
            Files.createDirectories(cacheDir);
            if (Files.isRegularFile(cached)) {
                if (expected.equals(sha256Of(cached))) {
                    return cached;
                }
                Files.deleteIfExists(cached);
            }
            Path download = Files.createTempFile(cacheDir, expected, ".part");
            try {
                String actual;
                try (InputStream in = open(URI.create(url.trim()));
                     DigestInputStream digesting = new DigestInputStream(in, sha256Digest());
                     OutputStream out = Files.newOutputStream(download)) {
                    digesting.transferTo(out);
                    actual = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
                }
                if (!expected.equals(actual)) {
                    throw new ArtifactException("checksum mismatch for " + url + ": expected SHA-256 " + expected
                            + ", the file has " + actual);
                }
                move(download, cached);
                return cached;
            } finally {
                Files.deleteIfExists(download);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactException("cannot fetch " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException("interrupted while fetching " + url, e);
        }
    }

    private InputStream open(URI uri) throws IOException, InterruptedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return Files.newInputStream(Path.of(uri));
            case "http":
            case "https":
                HttpResponse<InputStream> response = http.send(
                        HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri);
                }
                return response.body();
            default:
                throw new IOException("unsupported artifact URL scheme '" + scheme + "' (http, https or file)");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the lowercase hex SHA-256 of a file */
    public static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256Digest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
