package dev.fmnist.training.service;

import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.training.config.TrainingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start: configures ND4J, logs the backend and device, starts the outbox relay of {@code fmnist.models},
 * recovers this instance's jobs (see {@link JobService#recover}), starts the worker. At shutdown: stops both.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    private final JobService jobs;
    private final JobQueue runner;
    private final TrainingConfig config;
    private final ModelEventRelay relay;

    public Lifecycle(JobService jobs, JobQueue runner, TrainingConfig config, ModelEventRelay relay) {
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        Dl4jRuntime.BackendInfo backend = Dl4jRuntime.initialise();
        LOG.infof(
                "training backend: %s; oneDNN %s; OMP_NUM_THREADS=%s; instance %s",
                backend,
                Dl4jRuntime.oneDnnEnabled() ? "on" : "off",
                System.getenv("OMP_NUM_THREADS"),
                config.instanceId());
        relay.start();
        jobs.recover();
        runner.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.stop();
        relay.stop();
    }
}
