package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Rejection;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Publishes refused records to {@code fmnist.rejected} (key = the record's key) and waits for the broker's ack. */
@Singleton
public class RejectionPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<Rejection> rejected;

    public RejectionPublisher(@Channel(Channels.REJECTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                              MutinyEmitter<Rejection> rejected) {
        this.rejected = rejected;
    }

    /** Sends the rejections and returns once the broker has them all. */
    public void send(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            Log.warnf("Refused a record of %s (key %s): %s", rejection.topic(), rejection.key(), rejection.reason());
            Message<Rejection> message = Message.of(rejection);
            if (rejection.key() != null) {
                message = message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(rejection.key()).build());
            }
            sends.add(rejected.sendMessage(message));
        }
        Uni.join().all(sends).andFailFast().await().atMost(SEND_TIMEOUT);
    }
}
