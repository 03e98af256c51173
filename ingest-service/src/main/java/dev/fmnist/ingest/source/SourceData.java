package dev.fmnist.ingest.source;

import java.util.List;
import java.util.Optional;

/**
 * A whole source, read and checked, ready to publish.
 *
 * @param kind   its format
 * @param source where it was read from (absolute path or URL)
 * @param splits its splits, in publishing order
 */
public record SourceData(SourceKind kind, String source, List<SplitData> splits) {

    public SourceData {
        splits = List.copyOf(splits);
    }

    /** @return the split named {@code name} */
    public Optional<SplitData> split(String name) {
        return splits.stream().filter(s -> s.split().equals(name)).findFirst();
    }

    /** @return the dataset content hash over all splits */
    public String contentHash() {
        return SplitData.datasetHash(
                splits.stream().map(SplitData::split).toList(),
                splits.stream().map(SplitData::contentHash).toList());
    }
}
