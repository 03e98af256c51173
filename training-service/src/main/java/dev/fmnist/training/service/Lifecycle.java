package dev.fmnist.training.service;

import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.training.config.TrainingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** At start: configures ND4J, logs the backend and device, recovers this instance's jobs, starts the worker. */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    private final JobService jobs;
    private final JobRunner runner;
    private final TrainingConfig config;

    public Lifecycle(JobService jobs, JobRunner runner, TrainingConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Dl4jRuntime.BackendInfo backend = Dl4jRuntime.initialise();
        LOG.infof("training backend: %s; oneDNN %s; OMP_NUM_THREADS=%s; instance %s", backend,
                Dl4jRuntime.oneDnnEnabled() ? "on" : "off", System.getenv("OMP_NUM_THREADS"), config.instanceId());
        jobs.recover();
        runner.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.stop();
    }
}
