package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.kit.OutageGate;
import dev.fmnist.kit.RejectionSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The service's {@code fmnist.rejected} channel, through the kit's {@link RejectionSender}. */
@ApplicationScoped
public class RejectionPublisher {

    private final RejectionSender sender;

    public RejectionPublisher(
            @Channel(Channels.REJECTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<Rejection> rejected,
            OutageGate gate) {
        this.sender = new RejectionSender(rejected, gate, Duration.ofSeconds(30));
    }

    /** @return completes when Kafka has acknowledged the rejection (the batch's output is retried as a whole) */
    public CompletableFuture<Void> publish(Rejection rejection) {
        return sender.send(rejection);
    }
}
