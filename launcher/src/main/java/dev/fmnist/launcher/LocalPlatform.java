package dev.fmnist.launcher;

import dev.fmnist.launcher.probe.KafkaProbe;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.platform.FreePorts;
import dev.fmnist.platform.PlatformEndpoints;
import dev.fmnist.platform.PlatformSettings;

import java.time.Duration;

/**
 * Kafka and PostgreSQL of a local run: started here ({@link FmnistPlatform}), or the ones {@code fmnist up} already
 * runs on the same ports, which are used and left running.
 *
 * @param endpoints how to reach them
 * @param owned     the platform started here, or null when an already running one is used
 */
public record LocalPlatform(PlatformEndpoints endpoints, FmnistPlatform owned) {

    /**
     * @param settings where the platform listens and keeps its data
     * @return the running platform on those ports, else a newly started one
     */
    public static LocalPlatform startOrReuse(PlatformSettings settings) {
        if (FreePorts.isListening(settings.kafkaPort())
                && FreePorts.isListening(settings.postgresPort())
                && new KafkaProbe("localhost:" + settings.kafkaPort(), Duration.ofSeconds(5)).probe()
                        instanceof KafkaProbe.Reachable) {
            return new LocalPlatform(
                    PlatformEndpoints.of(
                            "localhost:" + settings.kafkaPort(),
                            "jdbc:postgresql://localhost:" + settings.postgresPort() + "/fmnist",
                            "fmnist",
                            "fmnist"),
                    null);
        }
        FmnistPlatform platform = FmnistPlatform.start(settings);
        return new LocalPlatform(platform, platform);
    }

    /** @return whether an already running platform is used */
    public boolean reused() {
        return owned == null;
    }

    /** Stops the platform when it was started here. */
    public void stop() {
        if (owned != null) {
            owned.stop();
        }
    }
}
