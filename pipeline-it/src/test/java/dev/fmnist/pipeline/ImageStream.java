package dev.fmnist.pipeline;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.testing.Fixtures;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Publishes the fixture's real labelled images (its 500 test images, then its 1,600 training images, round and round)
 * to {@code fmnist.images.input} under fresh ids, as a user's client would: idempotent producer, {@code acks=all}.
 * Optionally inverted ({@code 255 - p}), the drifted stream of the alert tests.
 */
final class ImageStream implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final IdxSplit test;
    private final IdxSplit train;

    ImageStream(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(config);
        test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
        train = IdxCodec.read(Fixtures.fashionMnistMini(), "train");
    }

    /** @return {@code count} ids {@code <prefix>-00000 ...} */
    static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("%s-%05d", prefix, i))
                .toList();
    }

    /** @return the true label of the {@code i}-th image of the stream */
    int label(int i) {
        int index = i % (test.count() + train.count());
        return index < test.count() ? test.label(index) : train.label(index - test.count());
    }

    /**
     * Publishes {@code ids[from, to)}, the i-th id with the stream's i-th image, and waits until the broker has them.
     *
     * @param inverted whether every grey level is replaced by 255 minus it
     */
    void publish(List<String> ids, int from, int to, boolean inverted) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int index = i % (test.count() + train.count());
            byte[] pixels = index < test.count() ? test.image(index) : train.image(index - test.count());
            if (inverted) {
                pixels = pixels.clone();
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = (byte) (255 - (pixels[p] & 0xFF));
                }
            }
            InputImage image = InputImage.ofPixels(ids.get(i), pixels, label(i));
            sent.add(producer.send(new ProducerRecord<>(Topics.IMAGES_INPUT, image.id(), JsonCodec.toBytes(image))));
        }
        producer.flush();
        for (Future<RecordMetadata> one : sent) {
            try {
                one.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the test could not publish a record: " + e, e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
