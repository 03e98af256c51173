package dev.fmnist.cli.client;

/** Nothing answered at a service's address: it is not running (or not yet). */
public final class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param service the service's name, e.g. {@code training-service}
     * @param url     the URL that failed
     * @param cause   what the HTTP client said
     */
    public ServiceUnavailableException(String service, String url, Throwable cause) {
        super(
                service + " is not reachable: " + url + " failed (" + describe(cause) + "). Is it running? "
                        + "./fmnist demo starts the whole pipeline; ./fmnist status shows what runs.",
                cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
