package dev.fmnist.ml.architecture;

/** A job's hyper-parameters cannot be used; the message says which one and why. */
public class InvalidHyperParameterException extends IllegalArgumentException {

    public InvalidHyperParameterException(String message) {
        super(message);
    }
}
