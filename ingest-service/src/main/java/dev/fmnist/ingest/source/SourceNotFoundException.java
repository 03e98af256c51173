package dev.fmnist.ingest.source;

/** The source path does not exist, or holds nothing of the requested kind. */
public class SourceNotFoundException extends SourceException {

    /** @param reason what was looked for and where */
    public SourceNotFoundException(String reason) {
        super(reason);
    }
}
