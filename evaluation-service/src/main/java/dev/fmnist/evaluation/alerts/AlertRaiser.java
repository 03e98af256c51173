package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Turns a {@link Finding} into an alert transition: RAISE raises, CLEAR clears, HOLD leaves the state alone. */
public final class AlertRaiser {

    private final AlertOutlet outlet;
    private final Clock clock;

    public AlertRaiser(AlertOutlet outlet, Clock clock) {
        this.outlet = outlet;
        this.clock = clock;
    }

    /** @return the alert stored and sent, if the finding changed its condition's state */
    public Optional<Alert> apply(Finding finding) {
        String state =
                switch (finding.decision()) {
                    case RAISE -> Alert.RAISED;
                    case CLEAR -> Alert.CLEARED;
                    case HOLD -> null;
                };
        if (state == null) {
            return Optional.empty();
        }
        Alert alert = new Alert(
                UUID.randomUUID().toString(),
                finding.type(),
                state,
                finding.modelId(),
                finding.modelVersion(),
                finding.reason(),
                finding.figures(),
                finding.window(),
                clock.instant());
        return outlet.transition(alert) ? Optional.of(alert) : Optional.empty();
    }
}
