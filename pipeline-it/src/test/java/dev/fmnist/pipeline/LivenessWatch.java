package dev.fmnist.pipeline;

import dev.fmnist.launcher.RunningServices;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks every service's {@code /q/health/live} twice a second, on a thread of its own, while a dependency is down and
 * comes back, and keeps the first DOWN answer of each (an orchestrator would restart a service whose liveness fails,
 * although it only waits for the dependency). Also notes which services were seen not ready meanwhile (paused).
 */
final class LivenessWatch implements AutoCloseable {

    private final RunningServices services;
    private final Thread thread;
    private final Map<String, String> notLive = new LinkedHashMap<>();
    private final Map<String, String> seenNotReady = new LinkedHashMap<>();
    private volatile boolean running = true;

    private LivenessWatch(RunningServices services) {
        this.services = services;
        this.thread = new Thread(this::run, "fault-tolerance-it-liveness");
        thread.setDaemon(true);
    }

    /** @return a watch that has started asking */
    static LivenessWatch start(RunningServices services) {
        LivenessWatch watch = new LivenessWatch(services);
        watch.thread.start();
        return watch;
    }

    private void run() {
        while (running) {
            Map<String, String> live = ReadinessReport.notLive(services);
            Map<String, String> ready = ReadinessReport.notReady(services);
            synchronized (this) {
                live.forEach(notLive::putIfAbsent);
                ready.forEach(seenNotReady::putIfAbsent);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the services whose liveness was not UP at some point, with their first DOWN answer */
    synchronized Map<String, String> notLive() {
        return Map.copyOf(notLive);
    }

    /** @return the services seen not ready at some point, with their first answer */
    synchronized Map<String, String> seenNotReady() {
        return Map.copyOf(seenNotReady);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
