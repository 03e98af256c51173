package dev.fmnist.ingest.service;

/** Records could not all be published and acknowledged; whatever they belong to is not ready. */
public class PublishException extends RuntimeException {

    /**
     * @param message what failed
     * @param cause   the Kafka failure, may be null
     */
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
