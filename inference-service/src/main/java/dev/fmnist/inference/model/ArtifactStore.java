package dev.fmnist.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Downloads model files over http(s), checks them against the SHA-256 the registry recorded, and keeps them in a
 * local cache named by that checksum, so a restart or a second promotion of the same file does not download it
 * again. Every download has a deadline on the whole transfer and a size cap; redirects are not followed. A file
 * whose checksum does not match is never kept.
 */
public final class ArtifactStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final Path cacheDir;
    private final BoundedHttp http;
    private final Duration timeout;
    private final long maxBytes;

    /**
     * @param cacheDir folder of the cache (created when missing)
     * @param timeout  longest time one download may take, from connecting to its last byte
     * @param maxBytes largest accepted model file
     */
    public ArtifactStore(Path cacheDir, Duration timeout, long maxBytes) {
        this.cacheDir = cacheDir;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = new BoundedHttp(timeout);
    }

    /** @return the largest accepted model file, in bytes */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * @param url    where the file is (http or https)
     * @param sha256 its SHA-256 (hex) as the registry recorded it
     * @return the verified file in the cache
     * @throws ArtifactException when it cannot be fetched in time, is too large, or its checksum differs
     */
    public Path fetch(URI url, String sha256) throws ArtifactException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new ArtifactException(
                    "the registry records no valid SHA-256 (" + sha256 + "); an unverifiable model is not loaded");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ArtifactException("unsupported artifact URL scheme '" + scheme + "' (http or https)");
        }
        String expected = sha256.toLowerCase(Locale.ROOT);
        Path cached = cacheDir.resolve(expected + ".model.zip");
        try {
            Files.createDirectories(cacheDir);
            if (Files.isRegularFile(cached)) {
                if (Files.size(cached) <= maxBytes && expected.equals(sha256Of(cached))) {
                    return cached;
                }
                Files.deleteIfExists(cached);
            }
            Path download = Files.createTempFile(cacheDir, expected, ".part");
            try {
                MessageDigest digest = sha256Digest();
                int status;
                try (FileChannel out =
                        FileChannel.open(download, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    status = http.get(url, "application/zip", timeout, maxBytes, bytes -> {
                        digest.update(bytes.duplicate());
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    });
                }
                if (status != 200) {
                    throw new ArtifactException("HTTP " + status + " from " + url
                            + (status / 100 == 3 ? " (redirects are not followed)" : ""));
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!expected.equals(actual)) {
                    throw new ArtifactException("checksum mismatch for " + url + ": the registry records SHA-256 "
                            + expected + ", the file has " + actual);
                }
                move(download, cached);
                return cached;
            } finally {
                Files.deleteIfExists(download);
            }
        } catch (IOException e) {
            throw new ArtifactException("cannot fetch " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException("interrupted while fetching " + url, e);
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
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
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
