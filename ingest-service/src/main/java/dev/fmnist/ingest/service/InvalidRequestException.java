package dev.fmnist.ingest.service;

/** A request names something that cannot be: a bad name, an unknown split, a negative rate. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
