package dev.fmnist.ingest.messaging;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.Rejection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;

/**
 * The low-volume announcements: {@link DatasetReady} on {@code fmnist.datasets} (key = dataset id) and refused
 * source rows on {@code fmnist.rejected} (key = the id the row would have had). Both wait for the broker's
 * acknowledgement.
 */
@ApplicationScoped
public class DatasetEvents {

    /** Channel of DatasetReady events. */
    public static final String DATASETS_OUT = "datasets-out";
    /** Channel of rejections. */
    public static final String REJECTED_OUT = "rejected-out";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<DatasetReady> datasets;
    private final MutinyEmitter<Rejection> rejected;

    public DatasetEvents(@Channel(DATASETS_OUT) MutinyEmitter<DatasetReady> datasets,
                         @Channel(REJECTED_OUT) MutinyEmitter<Rejection> rejected) {
        this.datasets = datasets;
        this.rejected = rejected;
    }

    /** Publishes {@code ready} and waits for its acknowledgement. */
    public void announce(DatasetReady ready) {
        datasets.sendMessage(keyed(ready.datasetId(), ready)).await().atMost(TIMEOUT);
    }

    /** Publishes every rejection and waits until all are acknowledged. */
    public void reject(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = rejections.stream().map(r -> rejected.sendMessage(keyed(r.key(), r))).toList();
        Uni.join().all(sends).usingConcurrencyOf(128).andFailFast().await().atMost(TIMEOUT);
    }

    private static <T> Message<T> keyed(String key, T payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
