package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A dataset fully published to its split topics, on {@code fmnist.datasets} (key = dataset id).
 *
 * @param datasetId   stable id, derived from the name and content hash
 * @param name        dataset name used in topic names, e.g. {@code fashion-mnist}
 * @param contentHash SHA-256 over all splits
 * @param source      where it was read from (folder, file, URL)
 * @param format      {@code idx}, {@code csv} or {@code png}
 * @param splits      the published splits
 * @param timestamp   when it became ready
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetReady(
        String datasetId,
        String name,
        String contentHash,
        String source,
        String format,
        List<DatasetSplit> splits,
        Instant timestamp)
        implements Checkable {

    @Override
    public String problem() {
        if (datasetId == null || datasetId.isEmpty()) {
            return "datasetId is missing";
        }
        if (name == null || name.isEmpty()) {
            return "name is missing";
        }
        if (splits == null || splits.isEmpty()) {
            return "splits are missing";
        }
        String problem = Identifiers.problem("datasetId", datasetId);
        return problem != null ? problem : Identifiers.textProblem("name", name);
    }
}
