package dev.fmnist.launcher;

import dev.fmnist.platform.Lifeline;
import dev.fmnist.platform.StopOnExit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The four services as started by {@link ServiceLauncher}. {@link #stop()} (or {@link #close()}) stops them all; a
 * JVM shutdown hook does it when the owner exits without.
 *
 * <p>For fault tests, {@link #kill} crashes one service (SIGKILL) and {@link #startAgain} starts it again with the
 * same settings (port, environment, JVM options; its log is appended to), the way an orchestrator restarts a failed
 * container. {@link #startReplica} starts one more training-service instance (a second replica in the jobs'
 * consumer group).
 */
public final class RunningServices implements AutoCloseable {

    private final Map<PipelineService, ServiceProcess> processes;
    private final long graceMillis;
    private final Function<PipelineService, ServiceProcess> relaunch;
    private final BiFunction<PipelineService, String, ServiceProcess> replicate;
    private final Map<String, ServiceProcess> replicas = new LinkedHashMap<>();
    private final OperatorKeys keys;
    private final StopOnExit stopOnExit;
    private Lifeline lifeline;

    RunningServices(
            Map<PipelineService, ServiceProcess> processes,
            Duration stopTimeout,
            Function<PipelineService, ServiceProcess> relaunch,
            BiFunction<PipelineService, String, ServiceProcess> replicate,
            OperatorKeys keys) {
        this.processes = processes;
        this.keys = keys;
        this.graceMillis = stopTimeout.toMillis();
        this.relaunch = relaunch;
        this.replicate = replicate;
        this.stopOnExit = new StopOnExit("fmnist-services-shutdown", this::stopAll);
    }

    /**
     * Starts the lifeline over every process started so far (replacing the one guarding earlier ones): when the owner's
     * JVM is killed outright, the services get SIGTERM, then SIGKILL after the stop timeout.
     */
    synchronized void watch() {
        if (lifeline != null) {
            lifeline.dismiss();
        }
        lifeline = Lifeline.guard(
                "services",
                java.util.stream.Stream.concat(processes.values().stream(), replicas.values().stream())
                        .map(ServiceProcess::pid)
                        .toList(),
                "quarkus-run.jar",
                "TERM",
                Duration.ofMillis(Math.max(1000, graceMillis)));
    }

    /**
     * @param service a service
     * @return its process
     */
    public synchronized ServiceProcess process(PipelineService service) {
        return processes.get(service);
    }

    /** @return every service process, in pipeline order (replicas not included) */
    public synchronized List<ServiceProcess> processes() {
        return List.copyOf(processes.values());
    }

    /**
     * Starts one more instance of training-service next to the first: the same Kafka, database and consumer groups
     * (so the replicas share the partitions of {@code fmnist.training.jobs}), its own free HTTP port and instance id
     * ({@code fmnist.training.instance-id}), its log in {@code logs/training-service-<instanceId>.log}
     * ({@link LaunchSettings#replicaEnvironment}). Waits until it is ready; {@link #stop()} stops it with the others.
     *
     * @param service    {@link PipelineService#TRAINING}
     * @param instanceId the replica's instance id, e.g. {@code training-2} (the first instance is {@code training-1})
     * @return its process ({@link ServiceProcess#baseUrl()} is its own address)
     * @throws IllegalArgumentException for another service, or an instance id already running
     * @throws ServiceStartException    when it exits or is not ready in time
     */
    public ServiceProcess startReplica(PipelineService service, String instanceId) {
        synchronized (this) {
            if (isStopped()) {
                throw new IllegalStateException("the services are stopped");
            }
            if (replicas.containsKey(instanceId)) {
                throw new IllegalArgumentException("instance " + instanceId + " runs already");
            }
        }
        ServiceProcess started = replicate.apply(service, instanceId);
        synchronized (this) {
            replicas.put(instanceId, started);
            watch();
        }
        return started;
    }

    /** @return the replicas {@link #startReplica} started: instance id → process, in start order */
    public synchronized Map<String, ServiceProcess> replicas() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replicas));
    }

    /**
     * Stops one replica gracefully (SIGTERM, as a rolling restart does; SIGKILL only after the grace time) and waits
     * until it is gone.
     *
     * @param instanceId a replica {@link #startReplica} started
     * @return its stopped process
     * @throws IllegalArgumentException when no such replica was started
     */
    public ServiceProcess stopReplica(String instanceId) {
        ServiceProcess replica = replica(instanceId);
        replica.stop(graceMillis);
        return replica;
    }

    /**
     * Kills one replica outright (SIGKILL), as a crash would, and waits until it is gone.
     *
     * @param instanceId a replica {@link #startReplica} started
     * @return its killed process
     * @throws IllegalArgumentException when no such replica was started
     */
    public ServiceProcess killReplica(String instanceId) {
        ServiceProcess replica = replica(instanceId);
        replica.kill();
        return replica;
    }

    private synchronized ServiceProcess replica(String instanceId) {
        ServiceProcess replica = replicas.get(instanceId);
        if (replica == null) {
            throw new IllegalArgumentException("no replica " + instanceId + " was started");
        }
        return replica;
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

    /**
     * @param service a service
     * @return its base URL, {@code http://localhost:<port>}
     */
    public synchronized String baseUrl(PipelineService service) {
        return processes.get(service).baseUrl();
    }

    /** @return the run's operator key pair: ingest and training verify tokens with its public key */
    public OperatorKeys keys() {
        return keys;
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
        List<ServiceProcess> all = new ArrayList<>(processes());
        synchronized (this) {
            all.addAll(replicas.values());
        }
        for (ServiceProcess process : all) {
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
            if (lifeline != null) {
                lifeline.dismiss();
            }
        }
    }
}
