package dev.fmnist.ingest.service;

import java.time.Instant;

/**
 * A replay's state.
 *
 * @param id          replay id
 * @param datasetId   dataset replayed
 * @param split       split replayed
 * @param sourceTopic the split topic read
 * @param targetTopic where images go ({@code fmnist.images.input})
 * @param rate        images per second, 0 for as fast as possible
 * @param limit       the most images to send, or null for all
 * @param status      RUNNING, DONE or FAILED
 * @param total       images to send, once known (-1 before)
 * @param published   images sent and acknowledged
 * @param error       why it failed, or null
 * @param startedAt   when it started
 * @param finishedAt  when it ended, or null
 */
public record Replay(
        String id,
        String datasetId,
        String split,
        String sourceTopic,
        String targetTopic,
        double rate,
        Integer limit,
        Status status,
        long total,
        long published,
        String error,
        Instant startedAt,
        Instant finishedAt) {

    /** Where a replay stands. */
    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }
}
