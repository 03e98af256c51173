package dev.fmnist.training.service;

/** A port's store (PostgreSQL) failed; nothing of the failed transaction was committed. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
