package dev.fmnist.kit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long {@link OutageGate} waits between tries while a dependency is down. */
@ConfigMapping(prefix = "fmnist.outage")
public interface OutageConfig {

    /** Wait after the first failed try; doubled after each further one (with 20% jitter). */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Longest wait between two tries. */
    @WithDefault("5s")
    Duration maxBackoff();
}
