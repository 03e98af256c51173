package dev.fmnist.contracts.api.ingest;

/** Where a catalogued dataset stands. */
public enum DatasetStatus {
    /** Being published; not announced. */
    PUBLISHING,
    /** Every record acknowledged and DatasetReady announced. */
    READY,
    /** Publishing failed; never announced as ready (a later ingest retries). */
    FAILED,
    /** Was ready; the same name now holds other content (published with {@code force}). */
    SUPERSEDED
}
