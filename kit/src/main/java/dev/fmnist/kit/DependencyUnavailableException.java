package dev.fmnist.kit;

/** Thrown by code that knows a dependency is unavailable for now; {@link Outages} counts it as an outage. */
public class DependencyUnavailableException extends RuntimeException {

    private final String dependency;

    /**
     * @param dependency which dependency, e.g. {@code training-service}
     * @param message    what failed
     * @param cause      the underlying failure, may be null
     */
    public DependencyUnavailableException(String dependency, String message, Throwable cause) {
        super(message, cause);
        this.dependency = dependency;
    }

    /** @return which dependency is unavailable */
    public String dependency() {
        return dependency;
    }
}
