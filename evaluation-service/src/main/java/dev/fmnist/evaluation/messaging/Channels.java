package dev.fmnist.evaluation.messaging;

/** Names of the service's messaging channels (their topics are set in application.properties). */
public final class Channels {

    /** Incoming {@code fmnist.predictions}, consumed in batches. */
    public static final String PREDICTIONS = "predictions";
    /** Outgoing {@code fmnist.evaluations}, key = model id. */
    public static final String EVALUATIONS = "evaluations";
    /** Outgoing {@code fmnist.rejected}, key = the refused record's key. */
    public static final String REJECTED = "rejected";

    private Channels() {
    }
}
