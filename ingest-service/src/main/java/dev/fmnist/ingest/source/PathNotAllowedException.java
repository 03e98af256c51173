package dev.fmnist.ingest.source;

/**
 * A request named a path outside every allowed data root, or a source holds a link that leads outside them. The
 * reason never tells whether anything exists at the path: a missing and an existing forbidden path get the same one.
 */
public class PathNotAllowedException extends RuntimeException {

    /** @param reason which path (as the request or the source spells it) is not allowed */
    public PathNotAllowedException(String reason) {
        super(reason);
    }
}
