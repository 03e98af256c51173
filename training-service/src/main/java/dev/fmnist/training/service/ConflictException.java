package dev.fmnist.training.service;

/**
 * A request the current state does not allow: cancelling a job that already ended, rolling back without an earlier
 * production model. The message says why.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
