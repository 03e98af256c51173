package dev.fmnist.inference.messaging;

import dev.fmnist.inference.config.InferenceConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@value #NAME} rebalance listener of the {@value Channels#IMAGES} channel ({@code
 * mp.messaging.incoming.images.consumer-rebalance-listener.name}), called on the Kafka polling thread.
 *
 * <p>SmallRye's throttled commit strategy, on a revocation, first drops the revoked partitions' records still in its
 * queue and commits what is acknowledged; then this listener runs. It ends the partitions' leases in the
 * {@link PartitionLedger} (nothing more of them is predicted here), waits up to {@code
 * fmnist.inference.revocation-timeout} until the batches already being predicted are acknowledged (the strategy has
 * forgotten those partitions by then, so it would ignore their acknowledgements), and commits their offsets itself,
 * synchronously, before the partitions go. An assignment starts a new lease at the consumer's position.
 */
@Singleton
@Identifier(ImagesRebalanceListener.NAME)
public class ImagesRebalanceListener implements KafkaConsumerRebalanceListener {

    /** The listener's identifier, named by the channel's configuration. */
    public static final String NAME = "inference-images";

    private static final Logger LOG = Logger.getLogger(ImagesRebalanceListener.class);
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(10);

    private final PartitionLedger ledger = new PartitionLedger();
    private final Duration timeout;

    public ImagesRebalanceListener(InferenceConfig config) {
        this.timeout = config.revocationTimeout();
    }

    /** @return what this instance holds of the input partitions (shared with {@link ImageBatchConsumer}) */
    PartitionLedger ledger() {
        return ledger;
    }

    /** @return how long a revocation or a graceful stop waits for the batches in flight */
    Duration timeout() {
        return timeout;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long position;
            try {
                position = consumer.position(partition, POSITION_TIMEOUT);
            } catch (KafkaException e) {
                LOG.warnf(
                        "Cannot read the position of %s (%s): records polled before its last revocation may be "
                                + "predicted twice",
                        partition, e.getMessage());
                position = -1;
            }
            positions.put(partition, position);
        }
        ledger.assigned(positions);
        if (!partitions.isEmpty()) {
            LOG.infof("Input partitions assigned: %s", positions);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        PartitionLedger.Revocation revocation = ledger.revoke(partitions, timeout);
        if (!revocation.inFlight().isEmpty()) {
            LOG.warnf(
                    "Input partitions revoked while batches were still unacknowledged after %s: %s; their records "
                            + "may be predicted again by the partitions' next owner",
                    timeout, revocation.inFlight());
        }
        if (revocation.commit().isEmpty()) {
            LOG.infof("Input partitions revoked: %s (nothing more to commit)", partitions);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        revocation.commit().forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(offsets, timeout);
            LOG.infof("Input partitions revoked: committed %s before they go", revocation.commit());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Input partitions revoked, but committing %s failed (%s): the records after the last commit may be "
                            + "predicted again by the partitions' next owner",
                    revocation.commit(), e.toString());
        }
    }
}
