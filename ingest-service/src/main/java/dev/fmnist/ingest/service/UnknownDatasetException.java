package dev.fmnist.ingest.service;

/** No catalogued dataset has this id or name. */
public class UnknownDatasetException extends RuntimeException {

    public UnknownDatasetException(String message) {
        super(message);
    }
}
