package dev.fmnist.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The ingest-service's own settings, {@code fmnist.ingest.*}. */
@ConfigMapping(prefix = "fmnist.ingest")
public interface IngestConfig {

    /**
     * Folder holding the official IDX files ({@code train-images-idx3-ubyte.gz} ...), read when a request names no
     * path. Debian's {@code dataset-fashion-mnist} package fills the default.
     */
    @WithDefault("/usr/share/datasets/fashion-mnist")
    Path dataDir();

    /**
     * Folders (comma-separated) that a request's {@code path} must lie in, after {@code ..} and symbolic links are
     * resolved; any other path is refused with 403 {@code forbidden-path}, the same answer whether it exists or not.
     * Files found inside an allowed folder that link out of every root are refused too. The service's own folders
     * ({@link #dataDir()}, {@link Download#dir()}) are read without this check when a request names no path. The
     * default allows the data folder and Debian's dataset folder.
     */
    @WithDefault("${fmnist.ingest.data-dir},/usr/share/datasets/fashion-mnist")
    List<Path> allowedRoots();

    /**
     * Dataset name of the official Fashion-MNIST (compared ignoring case); under it only files verified against the
     * contract's SHA-256 sums are accepted: a request may neither turn verification off nor declare other sums.
     */
    @WithDefault("fashion-mnist")
    String officialName();

    /**
     * Whether SHA-256 sums are verified under names other than the official one (a request may also turn it off
     * for itself); the official name is always verified.
     */
    @WithDefault("true")
    boolean verifyChecksums();

    /** Folder-of-images ({@code png}) sources. */
    Png png();

    /** Where to fetch the official files when the data folder holds none. */
    Download download();

    /** Dataset split topics, created by the service when missing. */
    SplitTopics topics();

    /** The bulk producer that publishes split topics and replays. */
    Producer producer();

    /** How often long work logs its progress. */
    @WithDefault("2s")
    Duration progressInterval();

    /** Limits on folder-of-images sources. */
    interface Png {

        /**
         * Largest image file read (e.g. {@code 8M}, {@code 512K}); a larger file is not read and becomes a row
         * rejection ({@code invalid-png}), like an image whose header declares more than 4096 pixels per side.
         */
        @WithDefault("8M")
        @WithConverter(MemorySizeConverter.class)
        MemorySize maxFileSize();
    }

    /** Download fallback for the official files. */
    interface Download {

        /** Whether to download the official files when the data folder holds none. */
        @WithDefault("true")
        boolean enabled();

        /** The dataset's official address; the four {@code *-ubyte.gz} files are fetched from below it. */
        @WithDefault("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")
        URI url();

        /** Folder the downloaded files are kept in. */
        @WithDefault("${java.io.tmpdir}/fmnist-ingest/fashion-mnist")
        Path dir();

        /** Connect and read timeout of a download. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Settings of created split topics. */
    interface SplitTopics {

        /** Partitions of a new split topic. */
        @WithDefault("3")
        int partitions();

        /** Replication factor of a new split topic (1 for a single local broker). */
        @WithDefault("1")
        short replicationFactor();

        /** {@code cleanup.policy} of a new split topic: compacted by image id, so a forced republish keeps one record per id. */
        @WithDefault("compact")
        String cleanupPolicy();
    }

    /** Throughput settings of the bulk producer (idempotent, {@code acks=all}). */
    interface Producer {

        /** {@code linger.ms}: how long a batch waits to fill. */
        @WithDefault("20")
        int lingerMs();

        /** {@code batch.size} in bytes per partition batch. */
        @WithDefault("1048576")
        int batchSize();

        /** {@code compression.type}: none, gzip, snappy, lz4 or zstd. */
        @WithDefault("snappy")
        String compression();

        /**
         * {@code max.in.flight.requests.per.connection}: 1 keeps batches strictly in order, so a retried first batch
         * of a just-created topic can never land behind later ones (which the idempotent producer cannot recover
         * from); up to 5 pipelines more.
         */
        @WithDefault("1")
        int maxInFlight();

        /** {@code buffer.memory} in bytes. */
        @WithDefault("134217728")
        long bufferMemory();

        /** How long to wait for all sends of one publication to be acknowledged. */
        @WithDefault("120s")
        Duration ackTimeout();
    }
}
