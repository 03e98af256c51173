package dev.fmnist.evaluation.messaging;

import dev.fmnist.evaluation.alerts.DriftMonitor;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks the drift windows every {@code fmnist.evaluation.alerts.drift.check-every} (default 5 s). */
@ApplicationScoped
public class AlertTimers {

    private final DriftMonitor drift;

    public AlertTimers(DriftMonitor drift) {
        this.drift = drift;
    }

    /** Raises or clears PREDICTION_DRIFT and INPUT_DRIFT of the production model; a failure skips a round. */
    @Scheduled(
            identity = "drift-check",
            every = "${fmnist.evaluation.alerts.drift.check-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkDrift() {
        try {
            drift.check();
        } catch (RuntimeException e) {
            Log.warnf(e, "The drift check is skipped this round");
        }
    }
}
