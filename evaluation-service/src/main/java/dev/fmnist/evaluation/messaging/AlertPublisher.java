package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Alert;
import dev.fmnist.kit.Keyed;
import dev.fmnist.kit.OutageGate;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;

/**
 * Sends {@link Alert}s to {@code fmnist.alerts} with the model id as key, and waits until the broker has them. An
 * outage of Kafka waits ({@link OutageGate}) and the same alert is sent again, so none is lost.
 */
@Singleton
public class AlertPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final OutageGate gate;
    private final MutinyEmitter<Alert> emitter;

    public AlertPublisher(
            OutageGate gate,
            @Channel(Channels.ALERTS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<Alert> emitter) {
        this.gate = gate;
        this.emitter = emitter;
    }

    /** Sends {@code alert} and returns once the broker acknowledged it. */
    public void publish(Alert alert) {
        gate.run(
                "emit an alert",
                () -> emitter.sendMessage(Keyed.message(alert.modelId(), alert))
                        .await()
                        .atMost(SEND_TIMEOUT));
        Log.infof("Alert %s %s for %s: %s", alert.type(), alert.state(), alert.modelId(), alert.reason());
    }
}
