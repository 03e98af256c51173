package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.kit.OutageGate;
import dev.fmnist.kit.RejectionSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.List;

/**
 * The service's {@code fmnist.rejected} channel, through the kit's {@link RejectionSender}: rejections keyed by the
 * record's key, acknowledged by the broker before the consumer moves on, sent again while Kafka is unreachable.
 */
@Singleton
public class RejectionPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final RejectionSender sender;

    public RejectionPublisher(
            @Channel(Channels.REJECTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<Rejection> rejected,
            OutageGate gate) {
        this.sender = new RejectionSender(rejected, gate, SEND_TIMEOUT);
    }

    /** Sends the rejections and returns once the broker has them all. */
    public void send(List<Rejection> rejections) {
        sender.sendAll(rejections);
    }
}
