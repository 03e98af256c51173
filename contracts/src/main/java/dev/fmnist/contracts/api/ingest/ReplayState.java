package dev.fmnist.contracts.api.ingest;

import java.time.Instant;

/**
 * A replay of a dataset split to {@code fmnist.images.input}, as {@code POST /datasets/{id}/replay} (202) and
 * {@code GET /datasets/{id}/replays/{replayId}} show it.
 *
 * @param id          replay id
 * @param datasetId   dataset replayed
 * @param split       split replayed
 * @param sourceTopic the split topic read
 * @param targetTopic where images go ({@code fmnist.images.input})
 * @param rate        images per second, 0 for as fast as possible
 * @param limit       the most images to send, or null for all
 * @param status      where it stands
 * @param total       images to send, once known (-1 before)
 * @param published   images sent and acknowledged
 * @param error       why it failed, or null
 * @param startedAt   when it started
 * @param finishedAt  when it ended, or null
 */
public record ReplayState(
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

    /** @return whether it is over (done or failed) */
    public boolean finished() {
        return status != Status.RUNNING;
    }

    /**
     * @param status    the new status
     * @param total     images to send
     * @param published images sent and acknowledged
     * @param error     why it failed, or null
     * @param now       the time; the replay finishes now unless it is still running
     * @return this replay in its new state
     */
    public ReplayState moveTo(Status status, long total, long published, String error, Instant now) {
        return new ReplayState(
                id,
                datasetId,
                split,
                sourceTopic,
                targetTopic,
                rate,
                limit,
                status,
                total,
                published,
                error,
                startedAt,
                status == Status.RUNNING ? null : now);
    }
}
