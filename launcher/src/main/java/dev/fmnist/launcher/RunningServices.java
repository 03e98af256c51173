package dev.fmnist.cli.launch;

import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.probe.PipelineService;
import dev.fmnist.platform.StopOnExit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The four services as started by {@link ServiceLauncher}. {@link #stop()} (or {@link #close()}) stops them all; a
 * JVM shutdown hook does it when the owner exits without.
 *
 * <p>For fault tests, {@link #kill} crashes one service (SIGKILL) and {@link #startAgain} starts it again with the
 * same settings (port, environment, JVM options; its log is appended to), the way an orchestrator restarts a failed
 * container.
 */
public final class RunningServices implements AutoCloseable {

    private final Map<PipelineService, ServiceProcess> processes;
    private final long graceMillis;
    private final Function<PipelineService, ServiceProcess> relaunch;
    private final TokenSource operator;
    private final StopOnExit stopOnExit;
    private OrphanWatchdog watchdog;

    RunningServices(
            Map<PipelineService, ServiceProcess> processes,
            Duration stopTimeout,
            Function<PipelineService, ServiceProcess> relaunch,
            TokenSource operator) {
        this.processes = processes;
        this.operator = operator;
        this.graceMillis = stopTimeout.toMillis();
        this.relaunch = relaunch;
        this.stopOnExit = new StopOnExit("fmnist-services-shutdown", this::stopAll);
    }

    /** Starts the orphan watchdog over every process started so far (replacing the one watching earlier ones). */
    synchronized void watch() {
        if (watchdog != null) {
            watchdog.dismiss();
        }
        watchdog = OrphanWatchdog.watch(
                processes.values().stream().map(ServiceProcess::pid).toList(), Math.max(1, graceMillis / 1000));
    }

    /**
     * @param service a service
     * @return its process
     */
    public synchronized ServiceProcess process(PipelineService service) {
        return processes.get(service);
    }

    /** @return every service process, in pipeline order */
    public synchronized List<ServiceProcess> processes() {
        return List.copyOf(processes.values());
    }

    /**
     * Kills one service outright (SIGKILL: no graceful shutdown, nothing committed on the way out), as a crash would,
     * and waits until it is gone. {@link #startAgain} brings it back.
     *
     * @param service the service
     * @return its killed process
     */
    public synchronized ServiceProcess kill(PipelineService service) {
        ServiceProcess process = processes.get(service);
        process.kill();
        return process;
    }

    /**
     * Starts a service that was killed (or exited) again, with the settings it was first started with: same port,
     * environment and JVM options, its log appended to. Does not wait until it is ready.
     *
     * @param service the service
     * @return its new process
     * @throws IllegalStateException when the services are stopped or this one still runs
     */
    public synchronized ServiceProcess startAgain(PipelineService service) {
        if (isStopped()) {
            throw new IllegalStateException("the services are stopped");
        }
        if (processes.get(service).isAlive()) {
            throw new IllegalStateException(service.moduleName() + " still runs (pid "
                    + processes.get(service).pid() + ")");
        }
        ServiceProcess started = relaunch.apply(service);
        processes.put(service, started);
        watch();
        return started;
    }

    /** @return the base URLs of the four services; their clients' mutations carry an operator token of this run */
    public synchronized ServiceUrls endpoints() {
        return new ServiceUrls(
                processes.get(PipelineService.INGEST).baseUrl(),
                processes.get(PipelineService.TRAINING).baseUrl(),
                processes.get(PipelineService.INFERENCE).baseUrl(),
                processes.get(PipelineService.EVALUATION).baseUrl(),
                operator);
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
        for (ServiceProcess process : processes()) {
            Thread thread = new Thread(
                    () -> process.stop(graceMillis),
                    "fmnist-stop-" + process.service().moduleName());
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
        synchronized (this) {
            if (watchdog != null) {
                watchdog.dismiss();
            }
        }
    }
}
