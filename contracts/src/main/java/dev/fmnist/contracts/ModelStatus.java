package dev.fmnist.contracts;

/** Life cycle of a registered model version. */
public enum ModelStatus {
    REGISTERED, PRODUCTION, ARCHIVED
}
