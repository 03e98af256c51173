package dev.fmnist.inference.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which input partitions this instance holds and how far its work on each is done, so that a revocation (a
 * rebalance, a graceful stop) repeats no prediction. Plain Java; fed by {@link ImagesRebalanceListener} (on the Kafka
 * polling thread) and {@link ImageBatchConsumer} (on its worker thread).
 *
 * <p>Each assignment of a partition is a <em>lease</em> that starts at the consumer's position. A batch
 * <em>claims</em> its records when its forward pass starts: a record is predicted only if its partition is leased
 * now and its offset lies past what this lease already claimed. So:
 * <ul>
 *   <li>records of a revoked partition that were polled but not yet predicted (waiting for a model, or still on
 *       their way from the connector) are not predicted here: the partition's next owner reads them from the committed
 *       offset;</li>
 *   <li>records polled under an earlier lease and delivered after the partition came back are claimed once: the
 *       same offsets polled again are skipped.</li>
 * </ul>
 * A revocation waits (bounded) until every claim on the revoked partitions is acknowledged and returns the offset to
 * commit for each: one past the last record done. Claims are acknowledged in order, so "done up to" has no gap.
 * While draining (a graceful stop) nothing more is claimed.
 */
final class PartitionLedger {

    /** One assignment of one partition. */
    static final class Lease {
        private final TopicPartition partition;
        private final long start;
        private long claimedUpTo;
        private long doneUpTo = -1;
        private int inFlight;

        private Lease(TopicPartition partition, long claimedUpTo) {
            this.partition = partition;
            this.start = claimedUpTo + 1;
            this.claimedUpTo = claimedUpTo;
        }

        @Override
        public String toString() {
            return partition + " (claimed up to " + claimedUpTo + ", done up to " + doneUpTo + ")";
        }
    }

    /**
     * The records of a batch this instance predicts.
     *
     * @param records     the claimed records, in batch order
     * @param lastOffsets per lease, the last claimed offset
     * @param skipped     how many records of the batch were not claimed (revoked partition, or already claimed)
     * @param unleased    how many of those were skipped because their partition is not held here (any more)
     */
    record Claim(
            List<ConsumerRecord<String, byte[]>> records, Map<Lease, Long> lastOffsets, int skipped, int unleased) {

        /**
         * @return whether the batch is to be acknowledged once its output is: not when it only holds records of
         *     partitions held elsewhere now (an acknowledgement would then mark offsets of another assignment)
         */
        boolean acknowledged() {
            return !records.isEmpty() || unleased == 0;
        }
    }

    private final Map<TopicPartition, Lease> leases = new HashMap<>();
    private boolean fenced;
    private boolean draining;
    private int claimsInFlight;

    /**
     * Partitions assigned to this instance, each from the consumer's position.
     *
     * @param positions per partition, the offset of the next record it reads (negative: unknown, nothing skipped)
     */
    synchronized void assigned(Map<TopicPartition, Long> positions) {
        fenced = true;
        positions.forEach((partition, position) -> leases.put(partition, new Lease(partition, position - 1)));
    }

    /**
     * @return the batch's records to predict now; empty while draining (the batch is not predicted nor acknowledged).
     *     Until the first assignment (no rebalance listener, as with the in-memory connector), every record is claimed.
     */
    synchronized Optional<Claim> claim(ConsumerRecords<String, byte[]> batch) {
        if (draining) {
            return Optional.empty();
        }
        List<ConsumerRecord<String, byte[]>> claimed = new ArrayList<>(batch.count());
        Map<Lease, Long> lastOffsets = new LinkedHashMap<>();
        int skipped = 0;
        int unleased = 0;
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (!fenced) {
                claimed.add(record);
                continue;
            }
            Lease lease = leases.get(new TopicPartition(record.topic(), record.partition()));
            if (lease == null) {
                skipped++;
                unleased++;
                continue;
            }
            if (record.offset() <= lease.claimedUpTo) {
                skipped++;
                continue;
            }
            lease.claimedUpTo = record.offset();
            lastOffsets.put(lease, record.offset());
            claimed.add(record);
        }
        for (Lease lease : lastOffsets.keySet()) {
            lease.inFlight++;
        }
        claimsInFlight++;
        return Optional.of(new Claim(claimed, lastOffsets, skipped, unleased));
    }

    /** The claim's output is acknowledged (or given up as a failure that is not an outage): it is done. */
    synchronized void done(Claim claim) {
        claim.lastOffsets().forEach((lease, last) -> {
            lease.doneUpTo = Math.max(lease.doneUpTo, last);
            lease.inFlight--;
        });
        claimsInFlight--;
        notifyAll();
    }

    /**
     * Ends the leases of {@code partitions} (nothing more is claimed on them) and waits until their claims are done.
     *
     * @param timeout longest wait
     * @return the revocation: per partition, the offset to commit (one past the last record done, or where the lease
     *     started when nothing was done), only for leases whose claims are all done; the leases still in flight after
     *     the timeout
     */
    synchronized Revocation revoke(Collection<TopicPartition> partitions, Duration timeout) {
        List<Lease> ended = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Lease lease = leases.remove(partition);
            if (lease != null) {
                ended.add(lease);
            }
        }
        boolean settled = awaitIdle(ended, timeout);
        Map<TopicPartition, Long> commit = new LinkedHashMap<>();
        List<Lease> unsettled = new ArrayList<>();
        for (Lease lease : ended) {
            if (lease.inFlight > 0) {
                unsettled.add(lease);
            } else if (lease.doneUpTo >= 0) {
                commit.put(lease.partition, lease.doneUpTo + 1);
            } else if (lease.start > 0) {
                // nothing done under this lease: where it started is still right, and committing it again undoes
                // a late periodic commit of the strategy's from before the assignment (lower offsets)
                commit.put(lease.partition, lease.start);
            }
        }
        return new Revocation(commit, settled ? List.of() : List.copyOf(unsettled));
    }

    /**
     * Stops claiming (a graceful stop) and waits until every claim is done.
     *
     * @return whether everything claimed is done
     */
    synchronized boolean drain(Duration timeout) {
        draining = true;
        return await(() -> claimsInFlight == 0, timeout);
    }

    private boolean awaitIdle(List<Lease> watched, Duration timeout) {
        return await(() -> watched.stream().noneMatch(lease -> lease.inFlight > 0), timeout);
    }

    private boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * What a revocation leaves.
     *
     * @param commit   per partition, the offset to commit now
     * @param inFlight leases whose claims were not done in time (their records may be predicted again)
     */
    record Revocation(Map<TopicPartition, Long> commit, List<Lease> inFlight) {}
}
