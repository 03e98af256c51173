package dev.fmnist.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The inference-service's own settings, under {@code fmnist.inference.*}. */
@ConfigMapping(prefix = "fmnist.inference")
public interface InferenceConfig {

    /** Name stamped on the rejections this service publishes. */
    @WithDefault("inference-service")
    String serviceName();

    /**
     * Largest accepted input record value in bytes; bigger records are refused as {@code record-too-large}.
     * Defaults to Kafka's default record limit (1 MiB).
     */
    @WithDefault("1048576")
    int maxRecordBytes();

    /**
     * How many consumed batches may have their output unacknowledged by Kafka at once: with 3, the next batch is
     * predicted while up to 2 earlier ones still wait for their acknowledgements. 1 disables the overlap; offsets
     * are committed only for acknowledged batches either way.
     */
    @WithDefault("3")
    int maxBatchesInFlight();

    /** Where production model artifacts come from and where they are cached. */
    Artifacts artifacts();

    /** How the production model is followed on {@code fmnist.models}. */
    Registry registry();

    /** Model artifact settings. */
    interface Artifacts {

        /** Folder of the local artifact cache (files named by their SHA-256); created when missing. */
        @WithDefault(".fmnist/models")
        String cacheDir();

        /** Longest wait for an artifact download over http(s). */
        @WithDefault("60s")
        Duration fetchTimeout();
    }

    /** Model registry follower settings. */
    interface Registry {

        /** How long one poll of {@code fmnist.models} waits for new events. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** After a production model failed to load (download, checksum, format), how long until it is retried. */
        @WithDefault("10s")
        Duration retryInterval();
    }
}
