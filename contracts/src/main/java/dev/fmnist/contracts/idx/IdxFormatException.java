package dev.fmnist.contracts.idx;

/** An IDX file that is missing, unreadable or malformed; the message names the file and the broken rule. */
public class IdxFormatException extends RuntimeException {

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
