package dev.fmnist.inference.model;

import java.io.IOException;

/** The model registry could not be asked (unreachable, too slow, or an answer that is not its API's). */
public class RegistryUnavailableException extends IOException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
