package dev.fmnist.ingest.source;

/**
 * One row (CSV line, image file) of a source refused on its own; the rest of the source is still ingested.
 *
 * @param index   its position in the split (the id it would have had)
 * @param reason  {@code rule-code: details}, with the contract's rule codes
 * @param payload the row as read (a CSV line, an image path), for the rejection record
 */
public record RowRejection(int index, String reason, String payload) {}
