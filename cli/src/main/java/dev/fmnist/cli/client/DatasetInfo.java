package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Optional;

/**
 * A catalogued dataset, as {@code GET /datasets} of ingest-service shows it (the fields this tool uses).
 *
 * @param id     dataset id, e.g. {@code fashion-mnist-0123456789ab}
 * @param name   dataset name
 * @param status {@code PUBLISHING}, {@code READY}, {@code FAILED} or {@code SUPERSEDED}
 * @param format {@code idx}, {@code csv} or {@code png}
 * @param source where it was read from
 * @param splits its splits
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetInfo(String id, String name, String status, String format, String source, List<Split> splits) {

    /**
     * @param split    split name
     * @param topic    its topic
     * @param count    images
     * @param rejected source rows refused
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Split(String split, String topic, long count, long rejected) {}

    /** @return whether it is the name's ready dataset */
    public boolean ready() {
        return "READY".equals(status);
    }

    /**
     * @param name split name
     * @return the split, if the dataset has it
     */
    public Optional<Split> split(String name) {
        return splits == null
                ? Optional.empty()
                : splits.stream().filter(s -> s.split().equals(name)).findFirst();
    }
}
