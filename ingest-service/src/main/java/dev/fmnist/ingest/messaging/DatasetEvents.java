package dev.fmnist.ingest.messaging;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.ingest.service.DatasetAnnouncer;
import dev.fmnist.kit.Keyed;
import dev.fmnist.kit.OutageGate;
import dev.fmnist.kit.RejectionSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Duration;
import java.util.List;

/**
 * The low-volume announcements: {@link DatasetReady} on {@code fmnist.datasets} (key = dataset id) and refused
 * source rows on {@code fmnist.rejected} (key = the id the row would have had). Both wait for the broker's
 * acknowledgement.
 */
@ApplicationScoped
public class DatasetEvents implements DatasetAnnouncer {

    /** Channel of DatasetReady events. */
    public static final String DATASETS_OUT = "datasets-out";
    /** Channel of rejections. */
    public static final String REJECTED_OUT = "rejected-out";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<DatasetReady> datasets;
    private final RejectionSender rejected;

    public DatasetEvents(
            @Channel(DATASETS_OUT) MutinyEmitter<DatasetReady> datasets,
            @Channel(REJECTED_OUT) MutinyEmitter<Rejection> rejected,
            OutageGate gate) {
        this.datasets = datasets;
        this.rejected = new RejectionSender(rejected, gate, TIMEOUT);
    }

    /** Publishes {@code ready} and waits for its acknowledgement. */
    @Override
    public void announce(DatasetReady ready) {
        datasets.sendMessage(Keyed.message(ready.datasetId(), ready)).await().atMost(TIMEOUT);
    }

    /** Publishes every rejection and waits until all are acknowledged. */
    @Override
    public void reject(List<Rejection> rejections) {
        rejected.sendAllOnce(rejections);
    }
}
