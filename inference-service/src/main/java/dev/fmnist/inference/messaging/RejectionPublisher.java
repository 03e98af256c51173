package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Rejection;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.concurrent.CompletableFuture;

/** Publishes Rejections on {@code fmnist.rejected}, keyed by the refused record's key. */
@ApplicationScoped
public class RejectionPublisher {

    private final MutinyEmitter<Rejection> rejected;

    public RejectionPublisher(@Channel(Channels.REJECTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                              MutinyEmitter<Rejection> rejected) {
        this.rejected = rejected;
    }

    /** @return completes when Kafka has acknowledged the rejection */
    public CompletableFuture<Void> publish(Rejection rejection) {
        Message<Rejection> message = Message.of(rejection);
        if (rejection.key() != null) {
            message = message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(rejection.key()).build());
        }
        return rejected.sendMessage(message).subscribeAsCompletionStage();
    }
}
