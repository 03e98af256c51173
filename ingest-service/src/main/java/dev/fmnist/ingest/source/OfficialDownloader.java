package dev.fmnist.ingest.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Fetches the four official {@code *-ubyte.gz} files from the dataset's address into a folder, the fallback when
 * the data folder holds none. The files are verified like any other (the official sums apply).
 */
public final class OfficialDownloader {

    /** The official file names, as served. */
    public static final List<String> FILES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");

    private final URI base;
    private final Duration timeout;

    /**
     * @param base    the official address (the files are below it)
     * @param timeout connect and per-file timeout
     */
    public OfficialDownloader(URI base, Duration timeout) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.timeout = timeout;
    }

    /**
     * @param folder where to keep the files; files already there are not fetched again
     * @return the folder
     * @throws SourceNotFoundException when the address cannot be reached or does not serve a file
     */
    public Path fetch(Path folder) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            Files.createDirectories(folder);
            for (String file : FILES) {
                Path target = folder.resolve(file);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                URI uri = base.resolve(file);
                Path partial = folder.resolve(file + ".part");
                HttpResponse<Path> response = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(timeout.multipliedBy(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofFile(partial));
                if (response.statusCode() != 200) {
                    Files.deleteIfExists(partial);
                    throw new SourceNotFoundException("download of " + uri + " answered HTTP " + response.statusCode());
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return folder;
        } catch (IOException e) {
            throw new SourceNotFoundException("cannot download the official files from " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceNotFoundException("download from " + base + " interrupted");
        }
    }
}
