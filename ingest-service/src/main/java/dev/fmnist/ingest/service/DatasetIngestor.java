package dev.fmnist.ingest.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.api.ingest.DatasetStatus;
import dev.fmnist.contracts.api.ingest.IngestResponse;
import dev.fmnist.ingest.config.IngestConfig;
import dev.fmnist.ingest.source.ChecksumPolicy;
import dev.fmnist.ingest.source.DataRoots;
import dev.fmnist.ingest.source.RowRejection;
import dev.fmnist.ingest.source.SourceData;
import dev.fmnist.ingest.source.SourceFile;
import dev.fmnist.ingest.source.SourceKind;
import dev.fmnist.ingest.source.SplitData;
import dev.fmnist.ingest.source.SplitNames;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ingests one source: read and check it, publish each split to {@code fmnist.datasets.<name>.<split>}, send the
 * refused rows to {@code fmnist.rejected}, then, only once every record is acknowledged, mark the dataset READY in
 * the catalog and announce {@link DatasetReady} on {@code fmnist.datasets}.
 * <ul>
 *   <li>The dataset id is {@code <name>-<first 12 hex of the content hash>}; the same content under the same name
 *       is a no-op ({@link IngestResponse.Result#UNCHANGED}) unless forced.</li>
 *   <li>Other content under a name that already holds a ready dataset is refused unless forced.</li>
 *   <li>A failure while publishing marks the dataset FAILED; it is never announced.</li>
 *   <li>A path from a request is read only inside {@code fmnist.ingest.allowed-roots} ({@link DataRoots}); the
 *       official name's checksums cannot be switched off ({@link ChecksumPolicy#forRequest}).</li>
 * </ul>
 * One ingest runs at a time.
 */
@ApplicationScoped
public class DatasetIngestor {

    /** Name stamped on rejections. */
    public static final String SERVICE = "ingest-service";

    private static final Logger LOG = Logger.getLogger(DatasetIngestor.class);

    private final IngestConfig config;
    private final DatasetStore catalog;
    private final SplitTopics topics;
    private final RecordPublisher publisher;
    private final DatasetAnnouncer events;
    private final SourceLoader sources;

    public DatasetIngestor(
            IngestConfig config,
            DatasetStore catalog,
            SplitTopics topics,
            RecordPublisher publisher,
            DatasetAnnouncer events) {
        this.config = config;
        this.catalog = catalog;
        this.topics = topics;
        this.publisher = publisher;
        this.events = events;
        this.sources = new SourceLoader(config);
    }

    /**
     * @param request what to ingest
     * @return what happened
     * @throws dev.fmnist.ingest.source.SourceNotFoundException when the path holds nothing to read
     * @throws dev.fmnist.ingest.source.SourceException         when a file is refused, or the request would switch
     *                                                           off the official name's checksums
     * @throws dev.fmnist.ingest.source.PathNotAllowedException  when the path is outside the allowed roots
     * @throws DatasetConflictException                          when the name holds other content, unforced
     * @throws InvalidRequestException                           for a bad name or split
     */
    public synchronized IngestOutcome ingest(IngestRequest request) {
        long start = System.nanoTime();
        String name = request.name() == null || request.name().isBlank() ? config.officialName() : request.name();
        String defaultSplit = request.split() == null || request.split().isBlank() ? "train" : request.split();
        requireName("dataset name", name);
        requireName("split", defaultSplit);
        ChecksumPolicy policy = ChecksumPolicy.forRequest(
                name, config.officialName(), request.verify(), config.verifyChecksums(), request.expectedSha256());

        SourceData data = sources.load(request, defaultSplit, policy);
        List<String> splitHashes =
                data.splits().stream().map(SplitData::contentHash).toList();
        String contentHash = SplitData.datasetHash(
                data.splits().stream().map(SplitData::split).toList(), splitHashes);
        String id = name + "-" + contentHash.substring(0, 12);
        LOG.infof("read %s source %s as dataset %s: %s", data.kind().id(), data.source(), id, describe(data));

        Optional<DatasetEntry> existing = catalog.find(id);
        if (existing.isPresent() && existing.get().status() == DatasetStatus.READY && !request.force()) {
            LOG.infof("dataset %s is already published with the same content; nothing to do", id);
            return new IngestOutcome(IngestResponse.Result.UNCHANGED, existing.get(), 0, 0, millisSince(start));
        }
        Optional<DatasetEntry> current = catalog.findReadyByName(name);
        if (current.isPresent() && !current.get().id().equals(id) && !request.force()) {
            throw new DatasetConflictException("dataset name '" + name + "' already holds other content ("
                    + current.get().id() + "); ingest under another name, or force replacing it");
        }

        DatasetEntry entry = entry(id, name, data, splitHashes, contentHash);
        catalog.savePublishing(entry);
        try {
            topics.prepare(entry.splits().stream().map(SplitEntry::topic).toList());
            long published = 0;
            for (SplitData split : data.splits()) {
                published += publishSplit(name, split);
            }
            List<Rejection> rejections = rejections(name, data);
            events.reject(rejections);
            catalog.markReady(id);
            events.announce(ready(entry, data.kind()));
            DatasetEntry done = catalog.find(id).orElseThrow();
            long millis = millisSince(start);
            LOG.infof(
                    "dataset %s ready: %,d images published, %,d rows rejected, in %.2f s",
                    id, published, rejections.size(), millis / 1000.0);
            return new IngestOutcome(IngestResponse.Result.PUBLISHED, done, published, rejections.size(), millis);
        } catch (RuntimeException e) {
            catalog.markFailed(id, String.valueOf(e.getMessage()));
            LOG.errorf(e, "publishing dataset %s failed; it is not announced", id);
            throw e;
        }
    }

    private long publishSplit(String name, SplitData split) {
        String topic = Topics.datasetSplit(name, split.split());
        ProgressMeter progress = new ProgressMeter(
                "publish " + name + "/" + split.split() + " to " + topic, split.count(), config.progressInterval());
        return publisher.publish(SplitRecords.of(topic, name, split), progress, 0);
    }

    private static List<Rejection> rejections(String name, SourceData data) {
        List<Rejection> rejections = new ArrayList<>();
        for (SplitData split : data.splits()) {
            for (RowRejection row : split.rejections()) {
                rejections.add(Rejection.of(
                        data.source(),
                        ImageIds.of(name, split.split(), row.index()),
                        row.reason(),
                        row.payload().getBytes(StandardCharsets.UTF_8),
                        SERVICE));
            }
        }
        return rejections;
    }

    private static DatasetEntry entry(
            String id, String name, SourceData data, List<String> splitHashes, String contentHash) {
        List<SplitEntry> splits = new ArrayList<>();
        List<FileEntry> files = new ArrayList<>();
        for (int i = 0; i < data.splits().size(); i++) {
            SplitData split = data.splits().get(i);
            splits.add(new SplitEntry(
                    split.split(),
                    Topics.datasetSplit(name, split.split()),
                    split.count(),
                    split.rejections().size(),
                    splitHashes.get(i),
                    split.classCounts()));
            for (SourceFile file : split.files()) {
                files.add(new FileEntry(
                        split.split(), file.name(), file.sha256(), file.expectedSha256(), file.verified()));
            }
        }
        Instant now = Instant.now();
        return new DatasetEntry(
                id,
                name,
                data.kind().id(),
                data.source(),
                contentHash,
                DatasetStatus.PUBLISHING,
                null,
                now,
                now,
                null,
                splits,
                files);
    }

    private static DatasetReady ready(DatasetEntry entry, SourceKind kind) {
        List<DatasetSplit> splits = entry.splits().stream()
                .map(s -> new DatasetSplit(
                        s.split(), s.topic(), s.count(), s.classCounts(), s.contentHash(), s.rejected()))
                .toList();
        return new DatasetReady(
                entry.id(), entry.name(), entry.contentHash(), entry.source(), kind.id(), splits, Instant.now());
    }

    private static String describe(SourceData data) {
        StringBuilder text = new StringBuilder();
        for (SplitData split : data.splits()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(split.split())
                    .append(' ')
                    .append(String.format("%,d", split.count()))
                    .append(" images");
            if (!split.rejections().isEmpty()) {
                text.append(" (").append(split.rejections().size()).append(" rows rejected)");
            }
        }
        return text.toString();
    }

    private static void requireName(String what, String name) {
        if (!SplitNames.isValid(name)) {
            throw new InvalidRequestException(what + " '" + name + "' is not valid: use 1..64 letters, digits, '-'"
                    + " or '_', starting with a letter or digit");
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
