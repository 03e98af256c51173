package dev.fmnist.ingest.service;

import dev.fmnist.contracts.api.ingest.DatasetStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A catalogued dataset.
 *
 * @param id          {@code <name>-<first 12 hex of contentHash>}: same name and content, same id
 * @param name        dataset name (part of its topic names and image ids)
 * @param format      {@code idx}, {@code csv} or {@code png}
 * @param source      where it was read from
 * @param contentHash SHA-256 over its splits
 * @param status      where it stands
 * @param error       why the last publication failed, or null
 * @param createdAt   first ingest
 * @param updatedAt   last change
 * @param readyAt     last announcement as ready, or null
 * @param splits      its splits in publishing order
 * @param files       the files it was read from
 */
public record DatasetEntry(
        String id,
        String name,
        String format,
        String source,
        String contentHash,
        DatasetStatus status,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant readyAt,
        List<SplitEntry> splits,
        List<FileEntry> files) {

    /** @return the split named {@code split} */
    public Optional<SplitEntry> split(String split) {
        return splits.stream().filter(s -> s.split().equals(split)).findFirst();
    }

    /** @return the split names, in publishing order */
    public List<String> splitNames() {
        return splits.stream().map(SplitEntry::split).toList();
    }
}
