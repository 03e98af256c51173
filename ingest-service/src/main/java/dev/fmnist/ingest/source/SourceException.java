package dev.fmnist.ingest.source;

/** A source (or one of its files) refused as a whole: corrupt, truncated, inconsistent or failing its checksum. */
public class SourceException extends RuntimeException {

    /** @param reason what is wrong, naming the file */
    public SourceException(String reason) {
        super(reason);
    }

    /**
     * @param reason what is wrong, naming the file
     * @param cause  the underlying failure
     */
    public SourceException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
