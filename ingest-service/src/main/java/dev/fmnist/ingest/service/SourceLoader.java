package dev.fmnist.ingest.service;

import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.source.ChecksumPolicy;
import dev.fmnist.ingest.source.CsvReader;
import dev.fmnist.ingest.source.DataRoots;
import dev.fmnist.ingest.source.IdxReader;
import dev.fmnist.ingest.source.ImageFolderReader;
import dev.fmnist.ingest.source.OfficialDownloader;
import dev.fmnist.ingest.source.SourceData;
import dev.fmnist.ingest.source.SourceKind;
import dev.fmnist.ingest.source.SourceNotFoundException;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Reads the source a request names with the reader of its kind. A request's path is read only inside
 * {@code fmnist.ingest.allowed-roots} ({@link DataRoots}); a request without a path reads the official IDX files of
 * the configured data folder, downloaded from the official address when the folder holds none.
 */
final class SourceLoader {

    private static final Logger LOG = Logger.getLogger(SourceLoader.class);

    private final IngestConfig config;
    private final DataRoots roots;

    SourceLoader(IngestConfig config) {
        this.config = config;
        this.roots = DataRoots.of(config.allowedRoots());
    }

    /**
     * @param request      what to read
     * @param defaultSplit the split of a CSV file or image folder whose name tells none
     * @param policy       which checksums to verify
     * @return the source's splits
     */
    SourceData load(IngestRequest request, String defaultSplit, ChecksumPolicy policy) {
        SourceKind kind = request.kind();
        if (request.path() == null || request.path().isBlank()) {
            if (kind != SourceKind.IDX) {
                throw new InvalidRequestException("a " + kind.id() + " source needs a path");
            }
            // the service's own folders (configuration, not the request): read without the roots check
            return new IdxReader(policy).read(officialFolder());
        }
        Path path = roots.resolve(request.path());
        return switch (kind) {
            case IDX -> new IdxReader(policy, roots).read(path);
            case CSV -> new CsvReader(policy, roots).read(path, defaultSplit);
            case PNG ->
                new ImageFolderReader(policy, roots, config.png().maxFileSize().asLongValue()).read(path, defaultSplit);
        };
    }

    /** @return the configured data folder, or the download folder filled from the official address */
    private Path officialFolder() {
        Path dataDir = config.dataDir();
        if (IdxReader.hasIdxFiles(dataDir) || !config.download().enabled()) {
            return dataDir;
        }
        Path downloads = config.download().dir();
        if (!IdxReader.hasIdxFiles(downloads)) {
            LOG.infof(
                    "%s holds no IDX files; downloading the official files from %s",
                    dataDir, config.download().url());
        }
        try {
            return new OfficialDownloader(
                            config.download().url(), config.download().timeout())
                    .fetch(downloads);
        } catch (SourceNotFoundException e) {
            throw new SourceNotFoundException("no IDX files in " + dataDir
                    + " (install the dataset-fashion-mnist package or set fmnist.ingest.data-dir), and the download"
                    + " fallback failed: " + e.getMessage());
        }
    }
}
