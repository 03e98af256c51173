package dev.fmnist.kit;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Outgoing messages with a Kafka key: every contract topic is keyed (image id, model id, job id, dataset id). */
public final class Keyed {

    private Keyed() {}

    /** @return a message with {@code key} as its Kafka key (none when null) */
    public static <T> Message<T> message(String key, T payload) {
        Message<T> message = Message.of(payload);
        return key == null
                ? message
                : message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build());
    }
}
