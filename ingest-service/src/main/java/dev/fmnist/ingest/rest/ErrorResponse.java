package dev.fmnist.ingest.rest;

/**
 * The body of every 4xx/5xx answer.
 *
 * @param status HTTP status
 * @param error  short name of the status
 * @param reason what was wrong, for a human
 */
public record ErrorResponse(int status, String error, String reason) {
}
