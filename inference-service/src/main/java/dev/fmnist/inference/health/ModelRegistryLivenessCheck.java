package dev.fmnist.inference.health;

import dev.fmnist.inference.model.RegistryFollower;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the model registry follower runs: if it stopped for good, the serving model could never change again,
 * so the instance should be restarted.
 */
@Liveness
@ApplicationScoped
public class ModelRegistryLivenessCheck implements HealthCheck {

    private final RegistryFollower follower;

    public ModelRegistryLivenessCheck(RegistryFollower follower) {
        this.follower = follower;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model-registry-follower")
                .status(follower.following())
                .withData("lastError", String.valueOf(follower.lastError()))
                .build();
    }
}
