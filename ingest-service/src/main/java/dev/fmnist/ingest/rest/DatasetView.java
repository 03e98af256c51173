package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.ingest.service.DatasetEntry;
import dev.fmnist.ingest.service.DatasetStatus;
import dev.fmnist.ingest.service.FileEntry;
import dev.fmnist.ingest.service.SplitEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogued dataset as the API shows it, with the class distribution of every split.
 *
 * @param id          dataset id
 * @param name        dataset name
 * @param status      PUBLISHING, READY, FAILED or SUPERSEDED
 * @param format      idx, csv or png
 * @param source      where it was read from
 * @param contentHash SHA-256 over its splits
 * @param error       why the last publication failed
 * @param createdAt   first ingest
 * @param updatedAt   last change
 * @param readyAt     last announcement
 * @param splits      its splits
 * @param files       the files read, with their sums
 */
public record DatasetView(
        String id,
        String name,
        DatasetStatus status,
        String format,
        String source,
        String contentHash,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant readyAt,
        List<SplitView> splits,
        List<FileEntry> files) {

    /**
     * @param split             split name
     * @param topic             its topic
     * @param count             images
     * @param rejected          source rows refused
     * @param contentHash       SHA-256 over its images
     * @param classDistribution images per class
     */
    public record SplitView(
            String split,
            String topic,
            long count,
            long rejected,
            String contentHash,
            List<ClassCount> classDistribution) {}

    /**
     * @param label     0..9
     * @param className class name
     * @param count     images of the class
     */
    public record ClassCount(int label, String className, long count) {}

    /** @return the view of {@code entry} */
    public static DatasetView of(DatasetEntry entry) {
        List<SplitView> splits = new ArrayList<>();
        for (SplitEntry split : entry.splits()) {
            List<ClassCount> classes = new ArrayList<>();
            for (int label = 0; label < split.classCounts().length; label++) {
                classes.add(new ClassCount(label, FashionLabels.name(label), split.classCounts()[label]));
            }
            splits.add(new SplitView(
                    split.split(), split.topic(), split.count(), split.rejected(), split.contentHash(), classes));
        }
        return new DatasetView(
                entry.id(),
                entry.name(),
                entry.status(),
                entry.format(),
                entry.source(),
                entry.contentHash(),
                entry.error(),
                entry.createdAt(),
                entry.updatedAt(),
                entry.readyAt(),
                splits,
                entry.files());
    }
}
