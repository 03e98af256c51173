package dev.fmnist.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Answer of {@code POST /datasets}.
 *
 * @param result     {@code PUBLISHED} or {@code UNCHANGED}
 * @param published  images published now
 * @param rejected   source rows refused
 * @param durationMs how long the ingest took
 * @param dataset    the catalogued dataset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestResult(String result, long published, long rejected, long durationMs, DatasetInfo dataset) {

    /** @return whether the same content was there already and nothing was published */
    public boolean unchanged() {
        return "UNCHANGED".equals(result);
    }
}
