package dev.fmnist.evaluation.messaging;

/** Names of the service's messaging channels (their topics are set in application.properties). */
public final class Channels {

    /** Incoming {@code fmnist.predictions}, consumed in batches. */
    public static final String PREDICTIONS = "predictions";
    /** Incoming {@code fmnist.predictions.shadow}, consumed in batches like {@link #PREDICTIONS}: models in shadow. */
    public static final String SHADOW_PREDICTIONS = "shadow-predictions";
    /** Incoming {@code fmnist.models}, one record at a time. */
    public static final String MODELS = "models";
    /** Incoming {@code fmnist.training.progress}, one record at a time. */
    public static final String PROGRESS = "progress";
    /** Incoming {@code fmnist.images.input}, consumed in batches: the pixels the cell samples show. */
    public static final String IMAGES = "images";
    /** Outgoing {@code fmnist.evaluations}, key = model id. */
    public static final String EVALUATIONS = "evaluations";
    /** Outgoing {@code fmnist.alerts}, key = model id. */
    public static final String ALERTS = "alerts";
    /** Outgoing {@code fmnist.rejected}, key = the refused record's key. */
    public static final String REJECTED = "rejected";

    private Channels() {}
}
