package dev.fmnist.evaluation.promotion;

import dev.fmnist.contracts.Alert;

/** Where alerts go ({@code fmnist.alerts}); returns once they are durable. */
public interface AlertSink {

    void publish(Alert alert);
}
