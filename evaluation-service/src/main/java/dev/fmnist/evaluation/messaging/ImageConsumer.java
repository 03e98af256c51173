package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.Rejection;
import dev.fmnist.evaluation.alerts.DriftMonitor;
import dev.fmnist.evaluation.service.ImageArchive;
import dev.fmnist.evaluation.service.RawRecord;
import dev.fmnist.kit.Isolation;
import dev.fmnist.kit.OutageGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code fmnist.images.input} in batches (its own group, from the beginning) and keeps the pixels of the
 * labelled images for the cell samples ({@link ImageArchive}, one transaction per batch). A record the contract
 * refuses is skipped and counted, never published: inference-service refuses it to {@code fmnist.rejected}. It never
 * fails a batch: a PostgreSQL outage waits ({@link OutageGate}); a record the database cannot store by itself is
 * isolated ({@link Isolation}), logged and skipped. Every accepted image, labelled or not, also enters the input-drift
 * window ({@link DriftMonitor}) once its batch is stored.
 */
@ApplicationScoped
public class ImageConsumer {

    private final ImageArchive archive;
    private final OutageGate gate;
    private final DriftMonitor drift;
    private final Clock clock;
    private final Counter stored;
    private final Counter unlabelled;
    private final Counter refused;
    private final Counter failed;

    public ImageConsumer(
            ImageArchive archive, OutageGate gate, DriftMonitor drift, Clock clock, MeterRegistry registry) {
        this.archive = archive;
        this.gate = gate;
        this.drift = drift;
        this.clock = clock;
        this.stored = counter(registry, "stored", "Labelled input images whose pixels were stored for the samples");
        this.unlabelled = counter(registry, "unlabelled", "Input images without a label (not kept)");
        this.refused = counter(registry, "refused", "Input records the contract refuses (skipped; inference rejects)");
        this.failed = counter(registry, "failed", "Input images the database could not store (skipped)");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("fmnist.evaluation.images")
                .tag("outcome", outcome)
                .description(description)
                .register(registry);
    }

    /** Stores one batch; returning normally acknowledges it. */
    @Incoming(Channels.IMAGES)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<RawRecord> batch = RawRecords.of(records);
        List<ImageArchive.Outcome> parts = new ArrayList<>(1);
        List<Isolation.Failure<RawRecord>> failures = Isolation.isolate(
                batch, part -> parts.add(gate.call("store input images", () -> archive.handle(part))));
        for (ImageArchive.Outcome part : parts) {
            stored.increment(part.stored());
            unlabelled.increment(part.unlabelled());
            refused.increment(part.refused().size());
            drift.images(part.accepted(), clock.instant());
            for (Rejection rejection : part.refused()) {
                Log.debugf(
                        "Skipped an input record of %s (key %s) that the contract refuses: %s",
                        rejection.topic(), rejection.key(), rejection.reason());
            }
        }
        for (Isolation.Failure<RawRecord> failure : failures) {
            Log.warnf(
                    failure.cause(),
                    "Could not store the input image of %s (key %s); it is skipped (its samples show no pixels)",
                    failure.item().topic(),
                    failure.item().key());
        }
        failed.increment(failures.size());
    }
}
