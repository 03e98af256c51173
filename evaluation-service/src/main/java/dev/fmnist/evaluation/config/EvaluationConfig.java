package dev.fmnist.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every setting of the evaluation service, under the {@code fmnist.evaluation} prefix. */
@ConfigMapping(prefix = "fmnist.evaluation")
public interface EvaluationConfig {

    /** When Evaluation snapshots are emitted. */
    Emit emit();

    /** The sliding window of recent predictions. */
    Window window();

    /** The stored snapshot history. */
    History history();

    /** The deduplication record, {@code evaluation.counted_prediction}. */
    Dedup dedup();

    /** The stored training progress, {@code evaluation.training_progress}. */
    Progress progress();

    /** The pass-through to the other services under {@code /api/training} and {@code /api/inference}. */
    Upstream upstream();

    /** Samples of each confusion-matrix cell and the input images they show. */
    Samples samples();

    /** Several replicas: which one emits (the holder of a PostgreSQL advisory lock), and how the others follow. */
    Leadership leadership();

    /** Emission policy: after N new labelled predictions, or T after the first unpublished one, or when quiet. */
    interface Emit {

        /**
         * N: emit a model's snapshot as soon as this many newly counted labelled predictions are unpublished.
         * Bounds the event rate under load (20,000 predictions/s give at most 20 evaluations/s per model).
         */
        @WithDefault("1000")
        int everyPredictions();

        /**
         * T: emit at the latest this long after the first unpublished change of a model, however slowly
         * predictions arrive. Must stay below 10 s for the contract (a new Evaluation within 10 s of any change).
         */
        @WithDefault("5s")
        Duration maxDelay();

        /**
         * Emit a model's unpublished changes once its stream has been quiet (no newly counted prediction) for
         * this long, so the final figures of a burst go out promptly.
         */
        @WithDefault("1s")
        Duration quietAfter();

        /**
         * How often a timer checks T and the quiet period (the count trigger is checked after every batch).
         * Read by the timer's {@code @Scheduled} expression.
         */
        @WithDefault("0.25s")
        Duration tick();
    }

    /** The sliding window carried in {@code Evaluation.recent}. */
    interface Window {

        /** W: how many of a model's most recently counted labelled predictions the recent figures cover. */
        @WithDefault("1000")
        int size();
    }

    /** Snapshot history served by {@code GET /api/evaluations/{modelId}/history}. */
    interface History {

        /** Snapshots returned when the request names no {@code limit}. */
        @WithDefault("100")
        int defaultLimit();

        /** The largest {@code limit} a request may ask for. */
        @WithDefault("10000")
        int maxLimit();

        /**
         * How many of each model's newest snapshots are kept; older ones are deleted every few minutes (under load a
         * model emits up to one snapshot per batch).
         */
        @WithDefault("10000")
        int keepPerModel();
    }

    /** How much of the (model, image) deduplication record is kept. */
    interface Dedup {

        /**
         * How many of each model's most recently counted (model, image) pairs are kept (never fewer than the window
         * size); older ones are deleted every few minutes. An image id counts once per model among this many of the
         * model's latest counted predictions: a redelivery after a crash repeats at most the uncommitted tail of a
         * partition (seconds of traffic), far inside this bound, while a deliberate replay of an older image counts
         * again once its pair has been pruned. About 100 bytes per pair: the default bounds it near 100 MB per model.
         */
        @WithDefault("1000000")
        int keepPerModel();
    }

    /** How much of {@code fmnist.training.progress} is kept (served by {@code GET /api/progress...}). */
    interface Progress {

        /**
         * How many of a job's newest progress records are kept; older ones are deleted as new ones come. A job of 10
         * epochs of 422 batches reporting every 50 batches (training's default) sends about 100 records, so the
         * default keeps whole curves of jobs up to 50 times that long. About 500 bytes per record.
         */
        @WithDefault("5000")
        int keepPerJob();

        /**
         * How many jobs are kept (those whose last record is newest); the records of older ones are deleted when a new
         * job appears. {@code GET /api/progress} lists the newest 100 of them. At most {@code keep-jobs} times
         * {@code keep-per-job} records are stored (about 2.5 GB at the defaults; some 50 kB per job of the size
         * above).
         */
        @WithDefault("1000")
        int keepJobs();
    }

    /**
     * Where the gateway ({@code dev.fmnist.evaluation.upstream}) passes the dashboard's calls on to, so the page
     * reaches training-service and inference-service on its own origin.
     */
    interface Upstream {

        /** Base URL of training-service: {@code /api/training/…} goes there (registry and jobs). */
        @WithDefault("http://localhost:8082")
        String trainingUrl();

        /** Base URL of inference-service: {@code /api/inference/…} goes there ({@code POST /predict}). */
        @WithDefault("http://localhost:8083")
        String inferenceUrl();

        /**
         * How long connecting to an upstream, and then each wait for its next bytes (its answer's headers
         * included), may take before the gateway answers 502.
         */
        @WithDefault("10s")
        Duration timeout();
    }

    /**
     * The sample of each (model, trueLabel, predictedLabel) cell served by
     * {@code GET /api/evaluations/{modelId}/cells/{trueLabel}/{predictedLabel}} and {@code …/mistakes}, and the input
     * images from {@code fmnist.images.input} whose pixels they show.
     */
    interface Samples {

        /**
         * K: how many of a cell's most recently counted predictions are kept (0 keeps none); also the default and the
         * largest {@code limit} of the cell endpoint. About 1 KB a sample: 100 cells × K per model.
         */
        @WithDefault("16")
        int perCell();

        /**
         * How many of the most recently stored labelled input images are kept by id (about 900 bytes each), so that
         * a sample taken before its image is pruned still shows it; older ones are deleted as the table grows (every
         * quarter of this many stored) and every few minutes. A sample copies its image's pixels when the image is
         * there at sampling time, so it keeps them after the image is pruned. 0 keeps none.
         */
        @WithDefault("50000")
        int keepImages();

        /** Mistakes returned by {@code GET /api/evaluations/{modelId}/mistakes} when the request names no limit. */
        @WithDefault("24")
        int mistakesDefaultLimit();

        /** The largest {@code limit} a mistakes request may ask for. */
        @WithDefault("200")
        int mistakesMaxLimit();
    }

    /**
     * N replicas share {@code fmnist.predictions} (group {@code evaluation-service}) and count into the same
     * PostgreSQL rows; exactly one of them, the holder of a session advisory lock, emits Evaluations. See
     * docs/scaling.md.
     */
    interface Leadership {

        /**
         * The advisory lock's key (any bigint): the same on every replica of one deployment, different from any other
         * advisory lock taken in the same database.
         */
        @WithDefault("1501")
        long lockKey();

        /**
         * How often a replica that does not emit tries to take the lock, and the emitter checks its lock's
         * connection: bounds how long the emission pauses after the emitter dies (plus the emission delay T).
         * Read by the timer's {@code @Scheduled} expression.
         */
        @WithDefault("2s")
        Duration retry();

        /**
         * How often a replica that does not emit reads the figures counted and published by the others from
         * PostgreSQL, so its REST reads and event stream show what the emitter published. Read by the timer's
         * {@code @Scheduled} expression.
         */
        @WithDefault("1s")
        Duration followInterval();
    }
}
