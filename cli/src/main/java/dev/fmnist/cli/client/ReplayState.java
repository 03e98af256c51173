package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A replay of a dataset split to {@code fmnist.images.input}, as ingest-service reports it.
 *
 * @param id        replay id
 * @param datasetId dataset replayed
 * @param split     split replayed
 * @param status    {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param total     images to send (-1 before it is known)
 * @param published images sent and acknowledged
 * @param error     why it failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplayState(
        String id, String datasetId, String split, String status, long total, long published, String error) {

    /** @return whether it is over (done or failed) */
    public boolean finished() {
        return "DONE".equals(status) || "FAILED".equals(status);
    }

    /** @return whether it failed */
    public boolean failed() {
        return "FAILED".equals(status);
    }
}
