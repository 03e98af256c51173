package dev.fmnist.inference.messaging;

/** Names of the service's SmallRye channels (their topics are set in {@code application.properties}). */
public final class Channels {

    /** Incoming batches of {@code fmnist.images.input}. */
    public static final String IMAGES = "images";
    /** Outgoing {@code fmnist.predictions}. */
    public static final String PREDICTIONS = "predictions";
    /** Outgoing {@code fmnist.predictions.shadow}. */
    public static final String PREDICTIONS_SHADOW = "predictions-shadow";
    /** Outgoing {@code fmnist.rejected}. */
    public static final String REJECTED = "rejected";

    private Channels() {}
}
