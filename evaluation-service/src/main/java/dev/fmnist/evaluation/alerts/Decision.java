package dev.fmnist.evaluation.alerts;

/** What a check asks of an alert's condition. */
public enum Decision {
    /** The condition holds: raise the alert unless it is raised. */
    RAISE,
    /** The condition is over: clear the alert if it is raised. */
    CLEAR,
    /** Between the two levels: leave the alert as it is. */
    HOLD
}
