package dev.fmnist.evaluation.rest;

/**
 * The body of an error response.
 *
 * @param status  HTTP status
 * @param error   a short code
 * @param message what went wrong, for people
 */
public record Problem(int status, String error, String message) {
}
