/**
 * The JSON answers of ingest-service's HTTP API ({@code /datasets}), shared with its clients: what
 * {@code GET /datasets}, {@code POST /datasets} and the replay endpoints return.
 */
package dev.fmnist.contracts.api.ingest;
