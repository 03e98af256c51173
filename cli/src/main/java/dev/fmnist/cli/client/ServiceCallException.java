package dev.fmnist.cli.client;

/** A service answered with an error status; the message carries the service's own reason. */
public final class ServiceCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param message what failed and why */
    public ServiceCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
