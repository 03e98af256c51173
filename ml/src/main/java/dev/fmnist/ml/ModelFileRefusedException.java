package dev.fmnist.ml;

import java.io.IOException;

/**
 * A model file refused before anything in it was deserialized: an unknown or duplicated entry, Java-serialized data
 * where none belongs, a class the serialization filter does not allow, or more unpacked bytes than allowed.
 */
public class ModelFileRefusedException extends IOException {

    public ModelFileRefusedException(String message) {
        super(message);
    }

    public ModelFileRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
