package dev.fmnist.kit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while any operation waits out an outage ({@link OutageGate}); liveness is not affected. */
@Readiness
@ApplicationScoped
public class OutageReadiness implements HealthCheck {

    private final OutageGate gate;

    public OutageReadiness(OutageGate gate) {
        this.gate = gate;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outages");
        var paused = gate.paused();
        if (paused.isEmpty()) {
            return response.up().build();
        }
        response.down();
        for (OutageGate.Paused one : paused) {
            response.withData(
                    one.operation(),
                    "waiting for " + one.dependency() + " since " + one.since() + ", try " + one.attempts() + ": "
                            + one.lastError());
        }
        return response.build();
    }
}
