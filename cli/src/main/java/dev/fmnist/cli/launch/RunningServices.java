package dev.fmnist.cli.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.probe.PipelineService;
import dev.fmnist.platform.StopOnExit;

/**
 * The four services as started by {@link ServiceLauncher}. {@link #stop()} (or {@link #close()}) stops them all; a
 * JVM shutdown hook does it when the owner exits without.
 */
public final class RunningServices implements AutoCloseable {

    private final Map<PipelineService, ServiceProcess> processes;
    private final long graceMillis;
    private final StopOnExit stopOnExit;
    private OrphanWatchdog watchdog;

    RunningServices(Map<PipelineService, ServiceProcess> processes, java.time.Duration stopTimeout) {
        this.processes = processes;
        this.graceMillis = stopTimeout.toMillis();
        this.stopOnExit = new StopOnExit("fmnist-services-shutdown", this::stopAll);
    }

    /** Starts the orphan watchdog over every process started so far. */
    void watch() {
        watchdog = OrphanWatchdog.watch(processes.values().stream().map(ServiceProcess::pid).toList(),
                Math.max(1, graceMillis / 1000));
    }

    /**
     * @param service a service
     * @return its process
     */
    public ServiceProcess process(PipelineService service) {
        return processes.get(service);
    }

    /** @return every service process, in pipeline order */
    public List<ServiceProcess> processes() {
        return List.copyOf(processes.values());
    }

    /** @return the base URLs of the four services */
    public ServiceUrls endpoints() {
        return new ServiceUrls(processes.get(PipelineService.INGEST).baseUrl(),
                processes.get(PipelineService.TRAINING).baseUrl(),
                processes.get(PipelineService.INFERENCE).baseUrl(),
                processes.get(PipelineService.EVALUATION).baseUrl());
    }

    /** @return whether {@link #stop()} has run */
    public boolean isStopped() {
        return stopOnExit.isStopped();
    }

    /** Stops every service (SIGTERM, all at once; SIGKILL after the grace time). Idempotent. */
    public void stop() {
        stopOnExit.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private void stopAll() {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess process : processes.values()) {
            Thread thread = new Thread(() -> process.stop(graceMillis), "fmnist-stop-" + process.service().moduleName());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watchdog != null) {
            watchdog.dismiss();
        }
    }
}
