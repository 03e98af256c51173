package dev.fmnist.evaluation.promotion;

import dev.fmnist.contracts.Comparison;
import dev.fmnist.evaluation.comparison.ChallengerStanding;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Promotes a BETTER challenger through the registry, once per (challenger, champion): the call runs on its own
 * executor (never the consumer's thread), is retried with exponential backoff while the registry does not answer or
 * answers 5xx, 408 or 429, and ends for good on a 2xx (promoted) or another refusal (recorded with its reason, e.g. a
 * 409 when the model left shadow meanwhile). When every attempt failed, a later BETTER comparison tries again.
 */
public class Promoter {

    private static final Logger LOG = Logger.getLogger(Promoter.class);

    private final ModelRegistryApi registry;
    private final VerdictLog log;
    private final ScheduledExecutorService executor;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> settled = ConcurrentHashMap.newKeySet();

    /**
     * @param registry     the registry's promote call
     * @param log          what was settled before (durable)
     * @param executor     where the calls run
     * @param firstBackoff wait before the second attempt; doubled after each failure
     * @param maxBackoff   the longest wait between attempts
     * @param maxAttempts  attempts per promotion before giving up until the next BETTER comparison
     */
    public Promoter(
            ModelRegistryApi registry,
            VerdictLog log,
            ScheduledExecutorService executor,
            Duration firstBackoff,
            Duration maxBackoff,
            int maxAttempts) {
        this.registry = registry;
        this.log = log;
        this.executor = executor;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** Starts the promotion of a BETTER challenger unless its pair's is under way or settled; returns at once. */
    public void promoteOnce(ChallengerStanding challenger) {
        Comparison c = challenger.comparison();
        String key = challenger.modelId() + "\n" + c.championId();
        if (settled.contains(key) || !inFlight.add(key)) {
            return;
        }
        executor.execute(() -> {
            if (log.promotionSettled(challenger.modelId(), c.championId())) {
                settled.add(key);
                inFlight.remove(key);
                return;
            }
            attempt(challenger, key, reason(challenger), 1, firstBackoff);
        });
    }

    /** @return the reason recorded in the registry: p, delta with its interval, paired images, the champion */
    public static String reason(ChallengerStanding challenger) {
        Comparison c = challenger.comparison();
        return String.format(
                Locale.ROOT,
                "auto-promote by evaluation-service: McNemar p=%.3g, accuracy delta %+.4f (%.0f%% interval %+.4f..%+.4f)"
                        + " over %d paired images against %s v%d",
                c.mcnemarP(),
                c.accuracyDelta(),
                c.confidence() * 100,
                c.deltaLow(),
                c.deltaHigh(),
                c.pairedImages(),
                c.championId(),
                c.championVersion() == null ? 0 : c.championVersion());
    }

    private void attempt(ChallengerStanding challenger, String key, String reason, int attempt, Duration backoff) {
        String id = challenger.modelId();
        String champion = challenger.comparison().championId();
        String failure;
        try {
            ModelRegistryApi.Answer answer = registry.promote(id, reason);
            if (answer.ok()) {
                settle(key, id, champion, "promoted");
                LOG.infof("Auto-promoted %s (against %s): %s", id, champion, reason);
                return;
            }
            if (!answer.worthRetrying()) {
                settle(key, id, champion, "refused: " + answer.status() + " " + answer.body());
                LOG.warnf("The registry refused to auto-promote %s: %d %s", id, answer.status(), answer.body());
                return;
            }
            failure = answer.status() + " " + answer.body();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        if (attempt >= maxAttempts) {
            inFlight.remove(key);
            LOG.errorf(
                    "Could not auto-promote %s after %d attempts (last: %s); the next BETTER comparison tries again",
                    id, attempt, failure);
            return;
        }
        LOG.warnf("Auto-promotion of %s failed (attempt %d: %s); again in %s", id, attempt, failure, backoff);
        Duration next = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        executor.schedule(
                () -> attempt(challenger, key, reason, attempt + 1, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void settle(String key, String id, String champion, String outcome) {
        try {
            log.settlePromotion(id, champion, outcome);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the auto-promotion of %s (%s)", id, outcome);
        }
        settled.add(key);
        inFlight.remove(key);
    }
}
