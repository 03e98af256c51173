package dev.fmnist.launcher;

import dev.fmnist.launcher.probe.HealthProbe;
import dev.fmnist.platform.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts the four packaged services as separate child processes ({@code java -jar
 * <module>/target/quarkus-app/quarkus-run.jar}) and waits until each answers {@code /q/health/ready}.
 *
 * <pre>{@code
 * try (RunningServices services = ServiceLauncher.start(LaunchSettings.of(projectDir, dataDir, platform)
 *         .withPorts(ServicePorts.free()))) {
 *     services.baseUrl(PipelineService.TRAINING);   // http://localhost:<port>
 * }
 * }</pre>
 *
 * <p>The run's operator key pair is made once in {@code <dataDirectory>/keys/} (private key mode 600); ingest and
 * training verify tokens with its public key ({@link RunningServices#keys()}); the CLI's clients sign their mutations
 * with the private one. Each service logs to {@code <dataDirectory>/logs/<module>.log}. When one exits or does not
 * become ready within {@link LaunchSettings#readyTimeout()}, every service started is stopped again and a {@link
 * ServiceStartException} names it, with the tail of its log. {@link RunningServices#stop()} sends SIGTERM, then kills
 * after {@link LaunchSettings#stopTimeout()}; a JVM shutdown hook does the same when the owner exits without stopping,
 * and a {@link dev.fmnist.platform.Lifeline} when the owner is killed outright.
 */
public final class ServiceLauncher {

    /** Lines of a failing service's log quoted in the error. */
    public static final int LOG_TAIL_LINES = 25;

    private ServiceLauncher() {}

    /**
     * @param projectDirectory repository root
     * @return the services whose {@code quarkus-run.jar} is missing (not built yet)
     */
    public static List<PipelineService> missingJars(Path projectDirectory) {
        List<PipelineService> missing = new ArrayList<>();
        for (PipelineService service : PipelineService.values()) {
            if (!Files.isRegularFile(LaunchSettings.jar(projectDirectory, service))) {
                missing.add(service);
            }
        }
        return missing;
    }

    /**
     * Starts the four services and waits until all are ready.
     *
     * @param settings how
     * @return the running services
     * @throws ServiceStartException when one exits or is not ready in time (all are stopped again)
     * @throws IllegalStateException when a jar is missing or a port is taken
     */
    public static RunningServices start(LaunchSettings settings) {
        return start(settings, service -> {});
    }

    /**
     * Starts the four services and waits until all are ready.
     *
     * @param settings how
     * @param onReady  called once per service as it becomes ready (for progress lines)
     * @return the running services
     * @throws ServiceStartException when one exits or is not ready in time (all are stopped again)
     * @throws IllegalStateException when a jar is missing or a port is taken
     */
    public static RunningServices start(LaunchSettings settings, Consumer<ServiceProcess> onReady) {
        refuseMissingJarsAndBusyPorts(settings);
        try {
            Files.createDirectories(settings.logDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.logDirectory(), e);
        }
        OperatorKeys keys = OperatorKeys.ensure(settings.keyDirectory());
        Map<PipelineService, ServiceProcess> started = new EnumMap<>(PipelineService.class);
        RunningServices running = new RunningServices(
                started,
                settings.stopTimeout(),
                service -> launch(settings, service, true),
                (service, instanceId) -> startReplica(settings, service, instanceId),
                keys);
        try {
            for (PipelineService service : PipelineService.values()) {
                started.put(service, launch(settings, service, false));
            }
            running.watch();
            awaitReady(settings, started, onReady);
            return running;
        } catch (RuntimeException | Error e) {
            running.stop();
            throw e;
        }
    }

    /**
     * Starts one more instance of a service on a free port and waits until it is ready.
     *
     * @throws ServiceStartException when it exits or is not ready in time (it is stopped again)
     */
    private static ServiceProcess startReplica(LaunchSettings settings, PipelineService service, String instanceId) {
        int port = FreePorts.pick(1)[0];
        ServiceProcess replica = launch(
                settings,
                service,
                port,
                settings.replicaEnvironment(service, port, instanceId),
                settings.logFile(service, instanceId),
                false);
        try {
            Map<PipelineService, ServiceProcess> one = new EnumMap<>(PipelineService.class);
            one.put(service, replica);
            awaitReady(settings, one, ready -> {});
            return replica;
        } catch (RuntimeException | Error e) {
            replica.stop(settings.stopTimeout().toMillis());
            throw e;
        }
    }

    /**
     * @param append whether the log is appended to (a restart) rather than started afresh
     */
    private static ServiceProcess launch(LaunchSettings settings, PipelineService service, boolean append) {
        return launch(
                settings,
                service,
                settings.ports().of(service),
                settings.environment(service),
                settings.logFile(service),
                append);
    }

    private static ServiceProcess launch(
            LaunchSettings settings,
            PipelineService service,
            int port,
            Map<String, String> environment,
            Path log,
            boolean append) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOptions().getOrDefault(service, List.of()));
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.awt.headless=true");
        command.add("-jar");
        command.add(settings.jar(service).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.dataDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        append
                                ? ProcessBuilder.Redirect.appendTo(log.toFile())
                                : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(settings.dataDirectory());
            Process process = builder.start();
            return new ServiceProcess(service, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.moduleName() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitReady(
            LaunchSettings settings, Map<PipelineService, ServiceProcess> started, Consumer<ServiceProcess> onReady) {
        HealthProbe health = new HealthProbe(Duration.ofSeconds(2));
        List<ServiceProcess> waiting = new ArrayList<>(started.values());
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                ServiceProcess service = it.next();
                if (!service.isAlive()) {
                    throw new ServiceStartException(
                            service.service(),
                            "it exited with status " + service.process().exitValue(),
                            service.log(),
                            service.logTail(LOG_TAIL_LINES));
                }
                if (health.ready(service.baseUrl()) == HealthProbe.Readiness.READY) {
                    it.remove();
                    onReady.accept(service);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess first = waiting.get(0);
                String others = waiting.size() == 1
                        ? ""
                        : " (nor did "
                                + String.join(
                                        ", ",
                                        waiting.subList(1, waiting.size()).stream()
                                                .map(s -> s.service().moduleName())
                                                .toList())
                                + ")";
                throw new ServiceStartException(
                        first.service(),
                        "no ready answer from " + first.baseUrl() + "/q/health/ready within "
                                + settings.readyTimeout().toSeconds() + " s" + others,
                        first.log(),
                        first.logTail(LOG_TAIL_LINES));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the services", e);
            }
        }
    }

    private static void refuseMissingJarsAndBusyPorts(LaunchSettings settings) {
        List<PipelineService> missing = missingJars(settings.projectDirectory());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built: "
                    + String.join(
                            ", ",
                            missing.stream()
                                    .map(s -> LaunchSettings.jar(settings.projectDirectory(), s)
                                            .toString())
                                    .toList())
                    + " (build with ./mvnw -q package -DskipTests)");
        }
        List<String> busy = new ArrayList<>();
        for (PipelineService service : PipelineService.values()) {
            int port = settings.ports().of(service);
            if (FreePorts.isListening(port)) {
                busy.add(service.moduleName() + " " + port);
            }
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use on localhost: " + String.join(", ", busy)
                    + " (are the services running already? ./fmnist status shows them)");
        }
    }
}
