package dev.fmnist.inference.health;

import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the follower is at the end of {@code fmnist.models} and the registry has been asked once. Having no
 * production model is not "unready" (input images wait for one by design, so the check stays UP and says
 * {@code model: none}), nor is an unreachable registry: the current model keeps serving ({@code registry: false}).
 */
@Readiness
@ApplicationScoped
public class ModelRegistryHealthCheck implements HealthCheck {

    private final RegistryFollower follower;
    private final ServingModelHolder holder;

    public ModelRegistryHealthCheck(RegistryFollower follower, ServingModelHolder holder) {
        this.follower = follower;
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("model-registry")
                .status(follower.replayed())
                .withData("replayed", follower.replayed())
                .withData("model", holder.current().map(ServingModel::modelId).orElse("none"))
                .withData("registry", follower.registryReachable());
        if (follower.lastError() != null) {
            builder.withData("lastError", follower.lastError());
        }
        return builder.build();
    }
}
