package dev.fmnist.evaluation.persistence;

/** A database operation failed; nothing of it was committed. */
public class PersistenceException extends RuntimeException {

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
