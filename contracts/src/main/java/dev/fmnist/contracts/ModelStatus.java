package dev.fmnist.contracts;

/**
 * Life cycle of a registered model version. {@code SHADOW} (a challenger scored beside production, whose predictions
 * go to {@code fmnist.predictions.shadow}) is part of the contract; a service that does not run shadow models
 * treats a model in shadow like a registered one: it does not serve it on {@code fmnist.predictions}.
 */
public enum ModelStatus {
    REGISTERED,
    SHADOW,
    PRODUCTION,
    ARCHIVED
}
