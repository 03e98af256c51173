package dev.fmnist.contracts;

/** A decoded message that can tell whether it breaks a contract rule that JSON mapping cannot express. */
public interface Checkable {

    /** @return a human-readable description of the first broken rule, or null when the message is acceptable */
    String problem();
}
