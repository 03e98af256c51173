package dev.fmnist.ingest.service;

import dev.fmnist.contracts.api.ingest.IngestResponse;

/**
 * The result of an ingest.
 *
 * @param result     what happened
 * @param dataset    the catalogued dataset
 * @param published  records published (0 when unchanged)
 * @param rejected   source rows refused and sent to {@code fmnist.rejected}
 * @param durationMs time taken
 */
public record IngestOutcome(
        IngestResponse.Result result, DatasetEntry dataset, long published, long rejected, long durationMs) {}
