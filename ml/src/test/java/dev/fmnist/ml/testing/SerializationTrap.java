package dev.fmnist.ml.testing;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * A class whose deserialization would show: its {@code readObject} sets {@link #deserialized}. Tests put it into a
 * model file and check that the reader refuses it without ever instantiating it. Reset the flag before each test.
 */
public final class SerializationTrap implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Set when an instance was deserialized. */
    public static volatile boolean deserialized;

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        deserialized = true;
        in.defaultReadObject();
    }
}
