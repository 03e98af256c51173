package dev.fmnist.inference.config;

import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.inference.model.ArtifactStore;
import dev.fmnist.inference.model.ArtifactUrlPolicy;
import dev.fmnist.inference.model.ModelActivator;
import dev.fmnist.inference.model.RegistryClient;
import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.inference.model.RegistryReconciler;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.model.ShadowModels;
import dev.fmnist.inference.service.BatchPredictor;
import dev.fmnist.inference.service.InferenceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires the plain classes of {@code model} and {@code service} from {@link InferenceConfig}. */
@ApplicationScoped
public class InferenceBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ServingModelHolder servingModelHolder() {
        return new ServingModelHolder();
    }

    @Produces
    @Singleton
    ShadowModels shadowModels() {
        return new ShadowModels();
    }

    @Produces
    @Singleton
    RegistryReconciler registryReconciler(
            InferenceConfig config, ServingModelHolder holder, ShadowModels shadows, Clock clock) {
        RegistryClient registry =
                new RegistryClient(config.registry().url(), config.registry().timeout());
        ArtifactStore artifacts = new ArtifactStore(
                Path.of(config.artifacts().cacheDir()),
                config.artifacts().fetchTimeout(),
                config.artifacts().maxBytes().asLongValue());
        ModelActivator activator = new ModelActivator(
                registry,
                artifacts,
                holder,
                shadows,
                clock,
                config.artifacts().maxUnpackedBytes().asLongValue());
        return new RegistryReconciler(
                registry,
                activator,
                clock,
                config.registry().retryInterval(),
                config.shadow().max());
    }

    @Produces
    @Singleton
    RegistryFollower registryFollower(
            InferenceConfig config,
            RegistryReconciler reconciler,
            ArtifactUrlPolicy policy,
            ServingModelHolder holder,
            Clock clock) {
        return new RegistryFollower(
                reconciler,
                policy,
                holder,
                config.serviceName(),
                config.registry().reconcileInterval(),
                config.registry().retryInterval(),
                clock);
    }

    @Produces
    @Singleton
    ArtifactUrlPolicy artifactUrlPolicy(InferenceConfig config) {
        List<String> bases = new ArrayList<>();
        bases.add(config.registry().url());
        config.registry().allowedUrls().ifPresent(bases::addAll);
        return new ArtifactUrlPolicy(bases);
    }

    @Produces
    @Singleton
    BatchPredictor batchPredictor(InferenceConfig config, Clock clock) {
        return new BatchPredictor(new InputImageValidator(config.serviceName(), config.maxRecordBytes()), clock);
    }

    @Produces
    @Singleton
    InferenceMetrics inferenceMetrics(MeterRegistry registry) {
        return new InferenceMetrics(registry);
    }
}
