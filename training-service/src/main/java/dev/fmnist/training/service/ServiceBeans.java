package dev.fmnist.training.service;

import dev.fmnist.training.config.TrainingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain {@link ModelEventRelay} to its outbox, Kafka ({@link TrainingEvents#model}) and its settings. */
@ApplicationScoped
public class ServiceBeans {

    @Produces
    @Singleton
    ModelEventRelay relay(Outbox outbox, TrainingEvents events, TrainingConfig config, MeterRegistry meters) {
        ModelEventRelay relay = new ModelEventRelay(
                outbox,
                events::model,
                config.outbox().pollInterval(),
                config.outbox().batchSize(),
                new Backoff(config.retry().initial(), config.retry().max()));
        meters.gauge("fmnist.training.outbox.published", relay, ModelEventRelay::published);
        meters.gauge("fmnist.training.outbox.failures", relay, ModelEventRelay::failures);
        return relay;
    }

    void close(@Disposes ModelEventRelay relay) {
        relay.stop();
    }
}
