package dev.fmnist.contracts.api.ingest;

/**
 * Answer of {@code POST /datasets}: 201 when published, 200 when the same content was there already.
 *
 * @param result     what the ingest did
 * @param published  images published now (0 when unchanged)
 * @param rejected   source rows refused (sent to fmnist.rejected)
 * @param durationMs time the ingest took
 * @param dataset    the catalogued dataset
 */
public record IngestResponse(Result result, long published, long rejected, long durationMs, DatasetView dataset) {

    /** What an ingest did. */
    public enum Result {
        /** Published to the split topics and announced. */
        PUBLISHED,
        /** The same content was already ready under this name: nothing published. */
        UNCHANGED
    }
}
