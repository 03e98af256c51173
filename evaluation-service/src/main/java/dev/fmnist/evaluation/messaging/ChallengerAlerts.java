package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Alert;
import dev.fmnist.evaluation.promotion.AlertSink;
import jakarta.inject.Singleton;

/** The challenger verdicts' alerts go to {@code fmnist.alerts} through the {@link AlertPublisher}. */
@Singleton
public class ChallengerAlerts implements AlertSink {

    private final AlertPublisher publisher;

    public ChallengerAlerts(AlertPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(Alert alert) {
        publisher.publish(alert);
    }
}
