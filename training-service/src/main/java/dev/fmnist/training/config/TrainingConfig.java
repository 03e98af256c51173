package dev.fmnist.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The training-service's own settings, {@code fmnist.training.*}. */
@ConfigMapping(prefix = "fmnist.training")
public interface TrainingConfig {

    /** Base URL other services reach this one at; model events point to {@code <public-url>/models/{id}/artifact}. */
    @WithDefault("http://localhost:8082")
    String publicUrl();

    /** Names this instance in the job table (the jobs it owns) and in its dataset consumer group. */
    @WithDefault("training-1")
    String instanceId();

    /** Registry name of the models of jobs that name none. */
    @WithDefault("fmnist-classifier")
    String defaultModelName();

    /**
     * A new model becomes PRODUCTION automatically only when there is none, or when its accuracy on the test split
     * exceeds the current production model's on the same images by at least this much (absolute, 0.005 = 0.5 pt).
     */
    @WithDefault("0.005")
    double promotionMargin();

    /** A progress event every this many batches, besides the one per epoch; 0 = per epoch only. */
    @WithDefault("50")
    int progressEveryBatches();

    /** Jobs that may wait in this instance's queue; more are refused. */
    @WithDefault("100")
    int queueCapacity();

    /** How long reading a dataset split may go without new records before the job fails. */
    @WithDefault("60s")
    Duration datasetReadTimeout();

    /**
     * Whether a job checks that the split topics hold exactly the dataset its announcement describes: the number of
     * images per split always, and each split's content hash when the announcement carries one. A job whose data
     * differ fails with a {@code lineage:} reason. Turn off only for hand-made datasets whose record keys do not
     * follow the ingest-service's {@code <name>/<split>/<position>} ids.
     */
    @WithDefault("true")
    boolean verifyDatasetHash();

    /** The relay that publishes the registry's outbox to {@code fmnist.models}. */
    Outbox outbox();

    /** The model registry's own limits. */
    Registry registry();

    /** Waits between attempts while PostgreSQL or Kafka is down (outbox relay, registering a trained model). */
    Retry retry();

    /** {@code fmnist.training.outbox.*}. */
    interface Outbox {

        /** Longest wait between two looks at the outbox table when no registry commit wakes the relay. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Outbox rows published per relay transaction. */
        @WithDefault("100")
        int batchSize();

        /**
         * Longest wait for Kafka's acknowledgement of one event; it is then tried again. Longer than the producer's
         * own {@code delivery.timeout.ms} (120 s by default), so that attempts do not pile up in the producer.
         */
        @WithDefault("150s")
        Duration publishTimeout();
    }

    /** {@code fmnist.training.registry.*}. */
    interface Registry {

        /**
         * Models that may be in SHADOW at once (each is a second prediction of every input in inference-service);
         * putting one more in shadow answers 409. 0 turns shadows off.
         */
        @WithDefault("3")
        int maxShadows();
    }

    /** {@code fmnist.training.retry.*}: exponential backoff from {@code initial} to {@code max}, without an end. */
    interface Retry {

        /** Wait after the first failure; doubled after each further one. */
        @WithDefault("500ms")
        Duration initial();

        /** Longest wait between two attempts. */
        @WithDefault("30s")
        Duration max();
    }
}
