package dev.fmnist.inference.config;

import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.inference.model.ArtifactStore;
import dev.fmnist.inference.model.ModelActivator;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.service.BatchPredictor;
import dev.fmnist.inference.service.InferenceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;

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
    ModelActivator modelActivator(InferenceConfig config, ServingModelHolder holder, Clock clock) {
        ArtifactStore artifacts = new ArtifactStore(Path.of(config.artifacts().cacheDir()),
                config.artifacts().fetchTimeout());
        return new ModelActivator(artifacts, holder, clock);
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
