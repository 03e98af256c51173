package dev.fmnist.inference.model;

/** A model artifact that could not be fetched, verified or loaded; the message says why. */
public class ArtifactException extends Exception {

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
