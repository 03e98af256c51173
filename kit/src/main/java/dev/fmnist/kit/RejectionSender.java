package dev.fmnist.kit;

import dev.fmnist.contracts.Rejection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes Rejections on a service's {@code fmnist.rejected} channel, keyed by the refused record's key, and says
 * when the broker has them. The one rejection publisher of every service: each builds it over its own emitter.
 */
public final class RejectionSender {

    private static final Logger LOG = Logger.getLogger(RejectionSender.class);

    private final MutinyEmitter<Rejection> emitter;
    private final OutageGate gate;
    private final Duration timeout;

    /**
     * @param emitter the service's {@code fmnist.rejected} channel
     * @param gate    waits out Kafka outages for {@link #sendAll}
     * @param timeout how long one try waits for the broker's acknowledgement
     */
    public RejectionSender(MutinyEmitter<Rejection> emitter, OutageGate gate, Duration timeout) {
        this.emitter = emitter;
        this.gate = gate;
        this.timeout = timeout;
    }

    /**
     * Logs and sends the rejections, and returns once the broker has them all; while Kafka does not acknowledge them
     * (an outage), they are sent again with backoff ({@link OutageGate}), readiness DOWN meanwhile. For consumers,
     * which must not move past a refused record before its rejection is stored.
     */
    public void sendAll(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        log(rejections);
        gate.run("publish rejections", () -> publish(rejections));
    }

    /**
     * Logs and sends the rejections once, and returns once the broker has them all. For request handlers, which
     * answer rather than wait out an outage.
     *
     * @throws RuntimeException when the broker did not acknowledge them within the timeout
     */
    public void sendAllOnce(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        log(rejections);
        publish(rejections);
    }

    private void publish(List<Rejection> rejections) {
        List<Uni<Void>> sends = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            sends.add(emitter.sendMessage(Keyed.message(rejection.key(), rejection)));
        }
        Uni.join().all(sends).usingConcurrencyOf(128).andFailFast().await().atMost(timeout);
    }

    /** One line per batch, so that a flood of bad records does not flood the log (each is on fmnist.rejected). */
    private static void log(List<Rejection> rejections) {
        Rejection first = rejections.get(0);
        if (rejections.size() == 1) {
            LOG.warnf("Refused a record of %s (key %s): %s", first.topic(), first.key(), first.reason());
        } else {
            LOG.warnf(
                    "Refused %d records, the first of %s (key %s): %s",
                    rejections.size(), first.topic(), first.key(), first.reason());
        }
        if (LOG.isDebugEnabled()) {
            rejections.forEach(r -> LOG.debugf("Refused a record of %s (key %s): %s", r.topic(), r.key(), r.reason()));
        }
    }

    /**
     * Sends one rejection (logged at DEBUG: the hot path of a consumer that counts its rejections in metrics); the
     * future completes when the broker has it, or fails (one try).
     */
    public CompletableFuture<Void> send(Rejection rejection) {
        LOG.debugf("Refused a record of %s (key %s): %s", rejection.topic(), rejection.key(), rejection.reason());
        return emitter.sendMessage(Keyed.message(rejection.key(), rejection)).subscribeAsCompletionStage();
    }
}
