package dev.fmnist.training.messaging;

/** Channel names, as configured in {@code application.properties}. */
public final class Channels {

    /** {@code fmnist.datasets}, read by every instance. */
    public static final String DATASETS_IN = "datasets-in";
    /** {@code fmnist.training.jobs}, partitions shared by the instances. */
    public static final String JOBS_IN = "jobs-in";
    /** {@code fmnist.training.jobs}, for HTTP submissions. */
    public static final String JOBS_OUT = "jobs-out";
    /** {@code fmnist.training.progress}. */
    public static final String PROGRESS_OUT = "progress-out";
    /** {@code fmnist.models}. */
    public static final String MODELS_OUT = "models-out";
    /** {@code fmnist.rejected}. */
    public static final String REJECTED_OUT = "rejected-out";

    private Channels() {}
}
