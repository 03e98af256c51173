package dev.fmnist.ingest.messaging;

import dev.fmnist.ingest.service.SplitReader;
import dev.fmnist.kit.kafka.BoundedRead;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.util.SortedMap;
import java.util.function.Function;

/**
 * Reads a dataset split topic from its beginning to its end offsets at the start, keeping the latest value per image
 * id (what compaction keeps), in id order ({@link BoundedRead#latestPerKey}).
 */
@ApplicationScoped
public class SplitTopicReader implements SplitReader {

    private final KafkaClients clients;
    private final BoundedRead read = new BoundedRead();

    public SplitTopicReader(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public SortedMap<String, byte[]> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = clients.newReader()) {
            return read.latestPerKey(consumer, topic, Function.identity());
        }
    }
}
