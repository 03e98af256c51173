package dev.fmnist.ingest.rest;

import dev.fmnist.ingest.service.IngestOutcome;

/**
 * Answer of {@code POST /datasets}.
 *
 * @param result     PUBLISHED or UNCHANGED
 * @param published  images published now
 * @param rejected   source rows refused (sent to fmnist.rejected)
 * @param durationMs time the ingest took
 * @param dataset    the catalogued dataset
 */
public record IngestResponse(
        IngestOutcome.Result result, long published, long rejected, long durationMs, DatasetView dataset) {

    static IngestResponse of(IngestOutcome outcome) {
        return new IngestResponse(
                outcome.result(),
                outcome.published(),
                outcome.rejected(),
                outcome.durationMs(),
                DatasetView.of(outcome.dataset()));
    }
}
