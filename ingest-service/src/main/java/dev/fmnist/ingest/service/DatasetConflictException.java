package dev.fmnist.ingest.service;

/** The dataset name already holds other content, and the request does not force replacing it. */
public class DatasetConflictException extends RuntimeException {

    public DatasetConflictException(String message) {
        super(message);
    }
}
