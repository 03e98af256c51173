package dev.fmnist.inference.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * Longest time a revocation of input partitions (a rebalance, a graceful stop) waits for the batches already being
     * predicted to be acknowledged, so that their offsets are committed before the partitions go. Past it, what is
     * still in flight may be predicted again by the partitions' next owner (at-least-once). Keep it well below
     * {@code max.poll.interval.ms} (5 min) and the platform's grace period for a stop.
     */
    @WithDefault("20s")
    Duration revocationTimeout();

    /** Models in shadow, scored beside the production model. */
    Shadow shadow();

    /** Limits on model files and where they are cached. */
    Artifacts artifacts();

    /** The model registry this instance trusts, and how it follows it. */
    Registry registry();

    /** Shadow model settings. */
    interface Shadow {

        /**
         * Most models in shadow this instance scores at once (the registry's newest first win); each costs one more
         * forward pass per batch and its model in memory.
         */
        @WithDefault("3")
        int max();
    }

    /** Model artifact settings. */
    interface Artifacts {

        /** Folder of the local artifact cache (files named by their SHA-256); created when missing. */
        @WithDefault(".fmnist/models")
        String cacheDir();

        /** Longest time one model file download may take, from connecting to its last byte. */
        @WithDefault("60s")
        Duration fetchTimeout();

        /**
         * Largest model file accepted (200 MiB by default: the largest model of the project, LeNet-5 with Adam's
         * state, is a few MiB). A bigger file is refused before or while it is downloaded, never kept.
         */
        @WithDefault("200M")
        MemorySize maxBytes();

        /** Most bytes a model file may unpack to, all its zip entries (nested ones too) together (zip bombs). */
        @WithDefault("512M")
        MemorySize maxUnpackedBytes();
    }

    /** Model registry settings. */
    interface Registry {

        /**
         * Base URL of the model registry, training-service's HTTP API. The only place model files are downloaded
         * from ({@code <url>/models/{id}/artifact}) and asked about ({@code <url>/models?status=PRODUCTION}, whose
         * SHA-256 every file is verified against); a model event whose {@code artifactUrl} is not under it (or under
         * one of {@link #allowedUrls()}) is refused. Redirects are not followed.
         */
        @WithDefault("http://localhost:8082")
        String url();

        /**
         * Further base URLs a model event's {@code artifactUrl} may point under without being refused, e.g. the
         * address training-service announces ({@code fmnist.training.public-url}) when it differs from
         * {@link #url()}. Files are still downloaded from {@link #url()} only.
         */
        Optional<List<String>> allowedUrls();

        /** How often the registry is asked which model is production (a model event also makes it ask at once). */
        @WithDefault("5s")
        Duration reconcileInterval();

        /** Longest time one question to the registry may take, answer included. */
        @WithDefault("5s")
        Duration timeout();

        /** How long one poll of {@code fmnist.models} waits for new events. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** After the production model failed to load (download, checksum, format), how long until it is retried. */
        @WithDefault("10s")
        Duration retryInterval();
    }
}
