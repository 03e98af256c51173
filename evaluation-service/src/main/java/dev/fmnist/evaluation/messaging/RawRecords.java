package dev.fmnist.evaluation.messaging;

import dev.fmnist.evaluation.service.RawRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A polled Kafka batch as the core's {@link RawRecord}s, in polling order. */
final class RawRecords {

    private RawRecords() {}

    static List<RawRecord> of(ConsumerRecords<String, byte[]> records) {
        List<RawRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(new RawRecord(
                    record.topic(), record.key(), record.value(), Instant.ofEpochMilli(record.timestamp())));
        }
        return batch;
    }
}
