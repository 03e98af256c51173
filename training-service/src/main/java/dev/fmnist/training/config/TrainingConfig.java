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
}
