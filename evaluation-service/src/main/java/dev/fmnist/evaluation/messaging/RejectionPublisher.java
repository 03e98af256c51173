package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.kit.OutageGate;
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

/**
 * Publishes refused records to {@code fmnist.rejected} (key = the record's key) and waits for the broker's ack; while
 * Kafka is unreachable it waits and sends them again ({@link OutageGate}).
 */
@Singleton
public class RejectionPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<Rejection> rejected;
    private final OutageGate gate;

    public RejectionPublisher(@Channel(Channels.REJECTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                              MutinyEmitter<Rejection> rejected, OutageGate gate) {
        this.rejected = rejected;
        this.gate = gate;
    }

    /** Sends the rejections and returns once the broker has them all. */
    public void send(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        for (Rejection rejection : rejections) {
            Log.warnf("Refused a record of %s (key %s): %s", rejection.topic(), rejection.key(), rejection.reason());
        }
        gate.run("publish rejections", () -> Uni.join().all(sends(rejections)).andFailFast().await().atMost(SEND_TIMEOUT));
    }

    private List<Uni<Void>> sends(List<Rejection> rejections) {
        List<Uni<Void>> sends = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            Message<Rejection> message = Message.of(rejection);
            if (rejection.key() != null) {
                message = message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(rejection.key()).build());
            }
            sends.add(rejected.sendMessage(message));
        }
        return sends;
    }
}
