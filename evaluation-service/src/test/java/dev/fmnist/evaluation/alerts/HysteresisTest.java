package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Raise above, clear below, hold between; and through an outlet that keeps the state, each change goes out once. */
class HysteresisTest {

    private final Hysteresis levels = new Hysteresis(0.25, 0.10);

    @Test
    void decidesByTheTwoLevels() {
        assertThat(levels.decide(0.30)).isEqualTo(Decision.RAISE);
        assertThat(levels.decide(0.25)).isEqualTo(Decision.HOLD);
        assertThat(levels.decide(0.15)).isEqualTo(Decision.HOLD);
        assertThat(levels.decide(0.10)).isEqualTo(Decision.HOLD);
        assertThat(levels.decide(0.05)).isEqualTo(Decision.CLEAR);
        assertThatThrownBy(() -> new Hysteresis(0.1, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWaveringFigureRaisesOnceAndClearsOnce() {
        StateKeepingOutlet outlet = new StateKeepingOutlet();
        AlertRaiser raiser =
                new AlertRaiser(outlet, Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));
        double[] psi = {0.05, 0.12, 0.30, 0.24, 0.31, 0.20, 0.12, 0.28, 0.09, 0.11, 0.08, 0.26};
        for (double figure : psi) {
            raiser.apply(finding(levels.decide(figure)));
        }
        assertThat(outlet.sent)
                .extracting(Alert::state)
                .as("raised at 0.30, held through 0.24..0.28, cleared at 0.09, raised again at 0.26")
                .containsExactly(Alert.RAISED, Alert.CLEARED, Alert.RAISED);
        assertThat(outlet.sent).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(outlet.sent).extracting(Alert::timestamp).containsOnly(Instant.parse("2026-12-02T00:00:00Z"));
    }

    private static Finding finding(Decision decision) {
        return new Finding(Alert.INPUT_DRIFT, "m-1", 2, decision, "test", Map.of("psi", 0.3), null);
    }

    /** The shared state as the database keeps it: RAISED only when not raised, CLEARED only when raised. */
    static final class StateKeepingOutlet implements AlertOutlet {

        final Map<String, String> states = new HashMap<>();
        final List<Alert> sent = new ArrayList<>();

        @Override
        public synchronized boolean transition(Alert alert) {
            String key = alert.type() + "/" + alert.modelId();
            String now = states.getOrDefault(key, Alert.CLEARED);
            if (now.equals(alert.state())) {
                return false;
            }
            states.put(key, alert.state());
            sent.add(alert);
            return true;
        }
    }
}
