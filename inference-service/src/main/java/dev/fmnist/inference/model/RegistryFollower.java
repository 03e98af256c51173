package dev.fmnist.inference.model;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when the registry is asked which model serves, fed the records of {@code fmnist.models} by an adapter that
 * reads the topic: at the first {@link #tick()}, every {@code reconcileInterval}, and at the next tick after an
 * accepted model event. Events are the fast path, the registry ({@link RegistryReconciler}) is the truth, so a lost
 * event, or a Kafka outage during a promotion, delays a swap by one interval at most.
 *
 * <p>An event is never trusted with what to load: one that does not decode, or whose {@code artifactUrl} is not under
 * the configured registry ({@link ArtifactUrlPolicy}), is refused ({@code untrusted-artifact: ...}) and changes
 * nothing; its URL is never fetched. What is loaded comes from the registry's own record.
 *
 * <p>It also holds what readiness, liveness and {@code GET /model} report: whether the feed is at the end of the topic
 * and the registry has been asked once, whether the feed still runs, and the last error. One thread (the feed's)
 * calls {@link #accept} and {@link #tick}; the readers may be called from any thread.
 */
public final class RegistryFollower {

    private static final Logger LOG = Logger.getLogger(RegistryFollower.class);
    /** Rule code of a model event pointing outside the trusted registry. */
    public static final String UNTRUSTED_ARTIFACT = "untrusted-artifact";

    /**
     * One record of {@code fmnist.models}, as read.
     *
     * @param topic     its topic
     * @param partition its partition
     * @param offset    its offset
     * @param key       its key, may be null
     * @param value     its value, may be null
     */
    public record EventRecord(String topic, int partition, long offset, String key, byte[] value) {}

    private final RegistryReconciler reconciler;
    private final ArtifactUrlPolicy policy;
    private final RecordDecoder decoder;
    private final String serviceName;
    private final Duration reconcileInterval;
    private final Duration retryInterval;
    private final Clock clock;
    private final ServingModelHolder holder;

    private volatile boolean atEnd;
    private volatile boolean following;
    private volatile String stoppedBecause;
    private boolean eventPending;
    private Instant nextReconcile = Instant.MIN;

    /**
     * @param reconciler        makes the serving model match the registry
     * @param policy            where events' artifact URLs may point
     * @param holder            the serving model (for the log lines)
     * @param serviceName       stamped on rejections
     * @param reconcileInterval how often the registry is asked without any event
     * @param retryInterval     how long a model that failed to load is left alone (for the log lines)
     * @param clock             for the interval
     */
    public RegistryFollower(
            RegistryReconciler reconciler,
            ArtifactUrlPolicy policy,
            ServingModelHolder holder,
            String serviceName,
            Duration reconcileInterval,
            Duration retryInterval,
            Clock clock) {
        this.reconciler = reconciler;
        this.policy = policy;
        this.holder = holder;
        this.decoder = new RecordDecoder(serviceName);
        this.serviceName = serviceName;
        this.reconcileInterval = reconcileInterval;
        this.retryInterval = retryInterval;
        this.clock = clock;
    }

    /** The feed runs from now on (liveness). */
    public void started() {
        stoppedBecause = null;
        following = true;
    }

    /**
     * The feed stopped for good: the serving model will no longer change.
     *
     * @param why the reason, or null for a regular shutdown
     */
    public void stopped(String why) {
        if (why != null) {
            stoppedBecause = "registry follower stopped: " + why;
        }
        following = false;
    }

    /** The feed is now at the end of every partition of the topic; it reads what comes next. */
    public void atEnd() {
        atEnd = true;
    }

    /**
     * Judges one record. An accepted event makes the next {@link #tick()} ask the registry.
     *
     * @return the rejection to publish when the record is refused, empty when it is accepted
     */
    public Optional<Rejection> accept(EventRecord record) {
        Decoded<ModelEvent> decoded = decoder.decode(record.topic(), record.key(), record.value(), ModelEvent.class);
        if (!decoded.isAccepted()) {
            LOG.warnf(
                    "Ignored model event at %s-%d@%d: %s",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    decoded.rejection().reason());
            return Optional.of(decoded.rejection());
        }
        ModelEvent event = decoded.value();
        if (event.artifactUrl() != null && !policy.allows(event.artifactUrl())) {
            String reason = UNTRUSTED_ARTIFACT + ": model event for " + event.modelId() + " points at "
                    + event.artifactUrl() + ", which is not under the model registry " + policy.describe()
                    + "; refused, nothing fetched";
            LOG.warnf(
                    "Refused model event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
            return Optional.of(Rejection.of(record.topic(), record.key(), reason, record.value(), serviceName));
        }
        LOG.debugf("Model event %s %s: asking the registry", event.modelId(), event.status());
        eventPending = true;
        return Optional.empty();
    }

    /**
     * Asks the registry when it is due: at the first tick, after an accepted event, or when the interval has passed
     * since it was last asked.
     *
     * @return whether the registry was asked
     */
    public boolean tick() {
        Instant now = clock.instant();
        if (!eventPending && now.isBefore(nextReconcile)) {
            return false;
        }
        eventPending = false;
        reconcile();
        nextReconcile = clock.instant().plus(reconcileInterval);
        return true;
    }

    /**
     * @return whether the feed is at the end of {@code fmnist.models} and the registry has been asked once (whatever
     * it answered)
     */
    public boolean replayed() {
        return atEnd && reconciler.attempted();
    }

    /** @return whether the feed still runs (false before it started and once it stopped for good) */
    public boolean following() {
        return following;
    }

    /** @return whether the registry answered the last time it was asked */
    public boolean registryReachable() {
        return reconciler.registryReachable();
    }

    /** @return why the registry's production model does not serve (or the feed stopped), or null */
    public String lastError() {
        String stopped = stoppedBecause;
        return stopped != null ? stopped : reconciler.lastError();
    }

    /** @return why no model serves, for {@code GET /model} and {@code POST /predict} ({@code no-model: ...}) */
    public String noModelReason() {
        if (!replayed()) {
            return "no-model: the model registry is still being read";
        }
        String error = lastError();
        if (error != null) {
            return "no-model: the production model cannot be loaded: " + error;
        }
        return "no-model: no model is in production yet";
    }

    /** @return how often the registry is asked without any event */
    public Duration reconcileInterval() {
        return reconcileInterval;
    }

    /** @return the registry asked, and where events may point */
    public String describe() {
        return reconciler.registry().base() + " (model events may point under " + policy.describe() + ")";
    }

    private void reconcile() {
        RegistryReconciler.Outcome outcome = reconciler.reconcile();
        String serving = holder.current().map(ServingModel::modelId).orElse("none");
        switch (outcome.kind()) {
            case SWAPPED ->
                LOG.infof(
                        "Now serving %s, production in the registry",
                        describe(outcome.production().orElseThrow()));
            case CLEARED -> LOG.warn("The registry records no production model: input images wait until one is");
            case REGISTRY_UNAVAILABLE -> {
                if (outcome.fresh()) {
                    LOG.warnf(
                            "%s (still serving %s; asking again every %s)",
                            outcome.error(), serving, reconcileInterval);
                }
            }
            case LOAD_FAILED -> {
                if (outcome.fresh()) {
                    LOG.errorf(
                            "Cannot serve %s: %s (still serving %s; retrying in %s)",
                            outcome.production().map(RegistryFollower::describe).orElse("?"),
                            outcome.error(),
                            serving,
                            retryInterval);
                }
            }
            default -> {}
        }
    }

    private static String describe(RegistryRecord record) {
        String sha = record.artifactSha256() == null
                ? "?"
                : record.artifactSha256()
                        .substring(0, Math.min(12, record.artifactSha256().length()));
        return record.modelId() + " (" + record.name() + " v" + record.version() + ", sha256 " + sha + ")";
    }
}
