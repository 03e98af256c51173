package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Alert;
import dev.fmnist.evaluation.alerts.AlertOutlet;
import dev.fmnist.evaluation.persistence.JdbcAlertStore;
import dev.fmnist.kit.Keyed;
import dev.fmnist.kit.OutageGate;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;

/**
 * Stores {@link Alert}s ({@code evaluation.alert}, served by {@code GET /api/alerts}), then sends them to
 * {@code fmnist.alerts} with the model id as key and waits until the broker has them. An outage of PostgreSQL or
 * Kafka waits ({@link OutageGate}) and the same alert is stored or sent again, so none is lost while the service
 * runs. A drift or quality alert goes through {@link #transition}: it is stored and sent only by the replica whose
 * conditional update changed its (type, model) state, so it goes out once however many replicas find it.
 */
@Singleton
public class AlertPublisher implements AlertOutlet {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final OutageGate gate;
    private final MutinyEmitter<Alert> emitter;
    private final JdbcAlertStore store;

    public AlertPublisher(
            OutageGate gate,
            @Channel(Channels.ALERTS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<Alert> emitter,
            JdbcAlertStore store) {
        this.gate = gate;
        this.emitter = emitter;
        this.store = store;
    }

    /** Stores and sends {@code alert} and returns once the broker acknowledged it. */
    public void publish(Alert alert) {
        gate.run("store an alert", () -> store.save(alert));
        send(alert);
    }

    /** Stores and sends {@code alert} if it changes its (type, model) state; see {@link JdbcAlertStore#transition}. */
    @Override
    public boolean transition(Alert alert) {
        boolean changed = gate.call("store an alert", () -> store.transition(alert));
        if (changed) {
            send(alert);
        }
        return changed;
    }

    private void send(Alert alert) {
        gate.run(
                "emit an alert",
                () -> emitter.sendMessage(Keyed.message(alert.modelId(), alert))
                        .await()
                        .atMost(SEND_TIMEOUT));
        Log.infof("Alert %s %s for %s: %s", alert.type(), alert.state(), alert.modelId(), alert.reason());
    }
}
