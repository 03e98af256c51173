package dev.fmnist.contracts.json;

import dev.fmnist.contracts.Rejection;

/**
 * The outcome of decoding one Kafka record: either the message or the Rejection to publish instead.
 *
 * @param value     the message, or null when refused
 * @param rejection why it was refused, or null when accepted
 * @param <T>       message type
 */
public record Decoded<T>(T value, Rejection rejection) {

    public static <T> Decoded<T> accepted(T value) {
        return new Decoded<>(value, null);
    }

    public static <T> Decoded<T> refused(Rejection rejection) {
        return new Decoded<>(null, rejection);
    }

    /** @return whether the record was accepted */
    public boolean isAccepted() {
        return rejection == null;
    }
}
