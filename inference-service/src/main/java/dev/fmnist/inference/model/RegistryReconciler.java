package dev.fmnist.inference.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes the serving model match what the registry records as production, whenever it is asked to: at start, every
 * few seconds, and at once when a model event arrives. The registry (its database) is the truth; model events only
 * say when to look. When the registry cannot be asked, the current model keeps serving. A production model whose
 * file fails to load is not downloaded again before {@code retryInterval} has passed. Thread-safe; one
 * reconciliation runs at a time.
 */
public final class RegistryReconciler {

    /** How one reconciliation ended. */
    public enum Kind {
        /** The serving model already matched the registry. */
        UNCHANGED,
        /** The registry's production model serves now. */
        SWAPPED,
        /** The registry records no production model; nothing serves. */
        CLEARED,
        /** The registry could not be asked; the current model keeps serving. */
        REGISTRY_UNAVAILABLE,
        /** The production model could not be loaded (now or recently); the current model keeps serving. */
        LOAD_FAILED
    }

    /**
     * @param kind       how it ended
     * @param production the registry's production model, when it was asked and records one
     * @param error      why it failed, for the failures
     * @param fresh      false when nothing new happened (a failure already reported, waiting for its retry)
     */
    public record Outcome(Kind kind, Optional<RegistryRecord> production, String error, boolean fresh) {}

    private final RegistryClient registry;
    private final ModelActivator activator;
    private final Clock clock;
    private final Duration retryInterval;

    private volatile String lastError;
    private volatile boolean registryReachable;
    private volatile boolean attempted;
    private String failedKey;
    private Instant retryAt = Instant.MIN;

    /**
     * @param registry      the configured registry
     * @param activator     loads and swaps models
     * @param clock         for the retry delay
     * @param retryInterval how long a model that failed to load is left alone
     */
    public RegistryReconciler(RegistryClient registry, ModelActivator activator, Clock clock, Duration retryInterval) {
        this.registry = registry;
        this.activator = activator;
        this.clock = clock;
        this.retryInterval = retryInterval;
    }

    /** @return how this reconciliation ended; never throws */
    public synchronized Outcome reconcile() {
        try {
            Optional<RegistryRecord> production;
            try {
                production = registry.production();
                registryReachable = true;
            } catch (RegistryUnavailableException e) {
                registryReachable = false;
                boolean fresh = !e.getMessage().equals(lastError);
                lastError = e.getMessage();
                return new Outcome(Kind.REGISTRY_UNAVAILABLE, Optional.empty(), e.getMessage(), fresh);
            }
            String key =
                    production.map(r -> r.modelId() + "@" + r.artifactSha256()).orElse(null);
            if (key != null && key.equals(failedKey) && clock.instant().isBefore(retryAt)) {
                return new Outcome(Kind.LOAD_FAILED, production, lastError, false);
            }
            try {
                ModelActivator.Change change = activator.activate(production);
                lastError = null;
                failedKey = null;
                return new Outcome(
                        switch (change) {
                            case SWAPPED -> Kind.SWAPPED;
                            case CLEARED -> Kind.CLEARED;
                            case UNCHANGED -> Kind.UNCHANGED;
                        },
                        production,
                        null,
                        change != ModelActivator.Change.UNCHANGED);
            } catch (ArtifactException e) {
                lastError = e.getMessage();
                failedKey = key;
                retryAt = clock.instant().plus(retryInterval);
                return new Outcome(Kind.LOAD_FAILED, production, e.getMessage(), true);
            }
        } finally {
            attempted = true;
        }
    }

    /** @return why the registry's production model does not serve, or null when it does */
    public String lastError() {
        return lastError;
    }

    /** @return whether the last attempt to ask the registry got an answer */
    public boolean registryReachable() {
        return registryReachable;
    }

    /** @return whether at least one reconciliation has finished */
    public boolean attempted() {
        return attempted;
    }

    /** @return the registry asked */
    public RegistryClient registry() {
        return registry;
    }
}
