package dev.fmnist.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

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

    /**
     * Whether a model in shadow found {@code BETTER} than production (see {@link Promotion}) is promoted by
     * evaluation-service itself, through training-service's {@code POST /models/{id}/promote} with an operator token
     * signed with {@code promotion.signing-key}; once per (challenger, champion). Off: the dashboard shows the verdict
     * and its Promote button, and an operator decides.
     */
    @WithDefault("false")
    boolean autoPromote();

    /** When a shadow model's comparison with production decides, and how an auto-promotion is made. */
    Promotion promotion();

    /** Quality and drift alerts on {@code fmnist.alerts} (docs/alerts.md). */
    Alerts alerts();

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
     * The verdict of a model in shadow against the production model on their paired images (the labelled image ids
     * both counted): {@code INSUFFICIENT} below {@code min-paired} pairs; {@code BETTER} when McNemar's exact p is below
     * {@code p-value} and the accuracy delta is at least {@code min-gain}; {@code WORSE} when p is below
     * {@code p-value} and the delta at most {@code -min-gain}; else {@code NO_DIFFERENCE}. And the auto-promotion's
     * key and retries.
     */
    interface Promotion {

        /** Significance level: McNemar's two-sided p must be below this for BETTER or WORSE. */
        @WithDefault("0.01")
        double pValue();

        /** Fewest paired images for any verdict but INSUFFICIENT. */
        @WithDefault("1000")
        long minPaired();

        /** Smallest accuracy gain (challenger minus champion) for BETTER; at most its negative for WORSE. */
        @WithDefault("0.005")
        double minGain();

        /**
         * Location of the PEM (PKCS#8) RSA private key operator tokens are signed with for the promote call: a
         * {@code file:} URI or a path; its public half is what training-service verifies tokens with. Required when
         * {@code auto-promote} is true (the service does not start without it); the launcher passes
         * {@code .fmnist/keys/jwt-private.pem}.
         */
        Optional<String> signingKey();

        /** Wait after a failed promote call (no answer, 5xx, 408 or 429) before the next; doubled after each. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** The longest wait between promote attempts. */
        @WithDefault("1m")
        Duration retryMaxBackoff();

        /** Promote attempts before giving up until the challenger's next BETTER comparison. */
        @WithDefault("10")
        int maxAttempts();
    }

    /** Quality and drift alerts, sent on {@code fmnist.alerts} and served by {@code GET /api/alerts}. */
    interface Alerts {

        /** QUALITY_DROP: each emitted Evaluation's recent window against the model's earlier predictions. */
        Quality quality();

        /** PREDICTION_DRIFT and INPUT_DRIFT: recent predictions and input images against the training set. */
        Drift drift();

        /** Alerts returned by {@code GET /api/alerts} when the request names no {@code limit}. */
        @WithDefault("50")
        int defaultLimit();

        /** The largest {@code limit} a request for alerts may ask for. */
        @WithDefault("1000")
        int maxLimit();

        /** The binomial test of the recent accuracy (docs/alerts.md). */
        interface Quality {

            /**
             * Least images of both the recent window and the reference (the cumulative counts minus the window's)
             * before anything is decided.
             */
            @WithDefault("500")
            int minSupport();

            /** Significance level of the one-sided exact binomial test P(X ≤ k | n, p0). */
            @WithDefault("0.01")
            double alpha();

            /**
             * Least drop of accuracy (or of macro-F1, with the accuracy test significant) that raises; the alert clears
             * once both drops are below half of it.
             */
            @WithDefault("0.05")
            double margin();
        }

        /** The population stability index of recent windows against the production model's reference. */
        interface Drift {

            /** How many of the latest predictions of the production model, and of input images, a window holds. */
            @WithDefault("1000")
            int window();

            /** A PSI above this raises. */
            @WithDefault("0.25")
            double raiseAbove();

            /** A PSI below this clears a raised alert. */
            @WithDefault("0.10")
            double clearBelow();

            /**
             * How often the windows are checked (at most; a window unchanged since its last check is not checked
             * again). Read by the timer's {@code @Scheduled} expression.
             */
            @WithDefault("5s")
            Duration checkEvery();
        }
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
