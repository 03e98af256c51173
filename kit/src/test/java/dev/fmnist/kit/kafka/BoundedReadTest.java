package dev.fmnist.kit.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedReadTest {

    private static final String TOPIC = "fmnist.dataset.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private static MockConsumer<String, String> consumer(long end0, long end1) {
        MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(
                TOPIC,
                List.of(new PartitionInfo(TOPIC, 0, node, null, null), new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, end0, P1, end1));
        return consumer;
    }

    @Test
    void latestValuePerKeyWithTombstonesAsCompactionKeepsIt() {
        MockConsumer<String, String> consumer = consumer(3, 1);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "b", "b1"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "a", "a1"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "b", null));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, "c", "c1"));
        });

        Map<String, String> table = new BoundedRead().latestPerKey(consumer, TOPIC, v -> v.toUpperCase());

        assertThat(table).containsExactly(Map.entry("a", "A1"), Map.entry("c", "C1"));
    }

    @Test
    void recordsWrittenAfterTheStartAreNotRead() {
        MockConsumer<String, String> consumer = consumer(1, 0);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "a", "before"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "b", "after"));
        });
        List<String> seen = new ArrayList<>();

        new BoundedRead().read(consumer, TOPIC, () -> {}, record -> seen.add(record.value()));

        assertThat(seen).containsExactly("before");
    }

    @Test
    void aMissingTopicIsNamed() {
        MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

        assertThatThrownBy(() -> new BoundedRead().read(consumer, "fmnist.nothing", () -> {}, r -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fmnist.nothing does not exist");
    }

    @Test
    void aReadThatStopsGrowingFailsAfterTheStallTimeout() {
        MockConsumer<String, String> consumer = consumer(5, 0);

        assertThatThrownBy(() -> new BoundedRead(Duration.ofMillis(300), Duration.ofSeconds(1))
                        .read(consumer, TOPIC, () -> {}, r -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stalled");
    }

    @Test
    void theCheckpointStopsTheRead() {
        MockConsumer<String, String> consumer = consumer(5, 0);

        assertThatThrownBy(() -> new BoundedRead()
                        .read(
                                consumer,
                                TOPIC,
                                () -> {
                                    throw new IllegalArgumentException("cancelled");
                                },
                                r -> {}))
                .hasMessage("cancelled");
    }
}
