package dev.fmnist.ingest.service;

/**
 * The result of an ingest.
 *
 * @param result     what happened
 * @param dataset    the catalogued dataset
 * @param published  records published (0 when unchanged)
 * @param rejected   source rows refused and sent to {@code fmnist.rejected}
 * @param durationMs time taken
 */
public record IngestOutcome(Result result, DatasetEntry dataset, long published, long rejected, long durationMs) {

    /** What an ingest did. */
    public enum Result {
        /** Published to the split topics and announced. */
        PUBLISHED,
        /** The same content was already ready under this name: nothing published. */
        UNCHANGED
    }
}
