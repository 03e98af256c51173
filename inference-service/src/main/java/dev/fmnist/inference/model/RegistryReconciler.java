package dev.fmnist.inference.model;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the serving model match what the registry records as production, whenever it is asked to: at start, every
 * few seconds, and at once when a model event arrives. The registry (its database) is the truth; model events only
 * say when to look. When the registry cannot be asked, the current model keeps serving. A production model whose
 * file fails to load is not downloaded again before {@code retryInterval} has passed. Thread-safe; one
 * reconciliation runs at a time.
 *
 * <p>Each reconciliation then asks which models are in shadow ({@code GET /models?status=SHADOW}) and makes the
 * shadow set match its first {@code maxShadows} (newest first): new ones are loaded, the others dropped (a model whose
 * status changed, promoted included, is no longer listed). A shadow model that fails to load is logged and retried
 * after {@code retryInterval}; it never affects production. When the registry cannot be asked, the shadow set stays.
 */
public final class RegistryReconciler {

    private static final Logger LOG = Logger.getLogger(RegistryReconciler.class);

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
    private final int maxShadows;
    private final Map<String, Instant> shadowRetryAt = new HashMap<>();

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
        this(registry, activator, clock, retryInterval, 3);
    }

    /**
     * @param registry      the configured registry
     * @param activator     loads and swaps models
     * @param clock         for the retry delay
     * @param retryInterval how long a model that failed to load is left alone
     * @param maxShadows    most models scored in shadow at once
     */
    public RegistryReconciler(
            RegistryClient registry, ModelActivator activator, Clock clock, Duration retryInterval, int maxShadows) {
        this.registry = registry;
        this.activator = activator;
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.maxShadows = Math.max(0, maxShadows);
    }

    /** @return how this reconciliation of the production model ended (the shadow set follows it); never throws */
    public synchronized Outcome reconcile() {
        Outcome outcome = reconcileProduction();
        if (outcome.kind() != Kind.REGISTRY_UNAVAILABLE) {
            reconcileShadows();
        }
        return outcome;
    }

    private void reconcileShadows() {
        List<RegistryRecord> listed;
        try {
            listed = registry.shadows();
        } catch (RegistryUnavailableException e) {
            LOG.debugf("Cannot ask the registry which models are in shadow: %s", e.getMessage());
            return;
        }
        List<RegistryRecord> wanted = listed.subList(0, Math.min(maxShadows, listed.size()));
        if (listed.size() > wanted.size()) {
            LOG.debugf(
                    "%d models in shadow, %d scored (fmnist.inference.shadow.max): %s left out",
                    listed.size(),
                    wanted.size(),
                    listed.subList(wanted.size(), listed.size()).stream()
                            .map(RegistryRecord::modelId)
                            .toList());
        }
        Instant now = clock.instant();
        shadowRetryAt.values().removeIf(at -> !now.isBefore(at));
        ModelActivator.ShadowChange change =
                activator.activateShadows(wanted, record -> !shadowRetryAt.containsKey(shadowKey(record)));
        for (ServingModel model : change.loaded()) {
            LOG.infof(
                    "Scoring %s (%s v%d) in shadow: its predictions go to fmnist.predictions.shadow",
                    model.modelId(), model.name(), model.version());
        }
        for (String dropped : change.dropped()) {
            LOG.infof("No longer scoring %s in shadow (its status changed)", dropped);
        }
        change.failed().forEach((modelId, error) -> {
            wanted.stream()
                    .filter(r -> r.modelId().equals(modelId))
                    .forEach(r -> shadowRetryAt.put(shadowKey(r), now.plus(retryInterval)));
            LOG.errorf(
                    "Cannot score %s in shadow: %s (production is unaffected; retrying in %s)",
                    modelId, error, retryInterval);
        });
    }

    private static String shadowKey(RegistryRecord record) {
        return record.modelId() + "@" + record.artifactSha256();
    }

    private Outcome reconcileProduction() {
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
