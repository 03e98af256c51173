package dev.fmnist.cli.client;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes InputImages to {@code fmnist.images.input} (key = image id), acknowledged by the broker. */
public final class ImagePublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    /** @param bootstrapServers Kafka */
    public ImagePublisher(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    /**
     * Sends one image without waiting.
     *
     * @return the broker's acknowledgement, later
     */
    public Future<RecordMetadata> send(InputImage image) {
        return producer.send(new ProducerRecord<>(Topics.IMAGES_INPUT, image.id(), JsonCodec.toBytes(image)));
    }

    /**
     * Waits for an acknowledgement.
     *
     * @param sent    what {@link #send} returned
     * @return where the record went
     */
    public static RecordMetadata await(Future<RecordMetadata> sent, Duration timeout) {
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka refused the image: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge the image within " + timeout.toSeconds()
                            + " s (is it running? ./fmnist status)",
                    e);
        }
    }

    /** Sends what is buffered. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
