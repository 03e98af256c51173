package dev.fmnist.contracts.api.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A catalogued dataset as {@code GET /datasets} and {@code GET /datasets/{id}} show it, with the class
 * distribution of every split.
 *
 * @param id          dataset id, {@code <name>-<first 12 hex of contentHash>}
 * @param name        dataset name
 * @param status      where it stands
 * @param format      idx, csv or png
 * @param source      where it was read from
 * @param contentHash SHA-256 over its splits
 * @param error       why the last publication failed, or null
 * @param createdAt   first ingest
 * @param updatedAt   last change
 * @param readyAt     last announcement, or null
 * @param splits      its splits, in publishing order
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
        List<FileView> files) {

    /** @return the split named {@code name}, if the dataset has it */
    public Optional<SplitView> split(String name) {
        return splits == null
                ? Optional.empty()
                : splits.stream().filter(s -> s.split().equals(name)).findFirst();
    }

    /**
     * @param split             split name
     * @param topic             its topic, {@code fmnist.datasets.<name>.<split>}
     * @param count             images
     * @param rejected          source rows refused
     * @param contentHash       SHA-256 over its images
     * @param classDistribution images per class, labels 0..9
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

    /**
     * @param split          the split it belongs to
     * @param name           file name (without {@code .gz})
     * @param sha256         SHA-256 of its decompressed content
     * @param expectedSha256 the sum it was verified against, or null
     * @param verified       whether it matched an expected sum
     */
    public record FileView(String split, String name, String sha256, String expectedSha256, boolean verified) {}
}
