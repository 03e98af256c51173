package dev.fmnist.evaluation.health;

import dev.fmnist.evaluation.leadership.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says in {@code /q/health/ready} whether this replica is the emitter ({@code leader}) or one that counts and serves
 * reads ({@code follower}). Informational: both are ready.
 */
@Readiness
@ApplicationScoped
public class LeadershipReadiness implements HealthCheck {

    private final Leadership leadership;

    public LeadershipReadiness(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("evaluation-emitter")
                .up()
                .withData("role", leadership.role())
                .withData("lockKey", leadership.lockKey())
                .build();
    }
}
