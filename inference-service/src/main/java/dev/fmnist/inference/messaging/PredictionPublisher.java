package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.kit.Keyed;
import dev.fmnist.kit.kafka.AckLatch;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a batch's predictions on {@code fmnist.predictions} (production) or {@code fmnist.predictions.shadow}
 * (models in shadow), key = image id, and says when Kafka has acknowledged all of them.
 *
 * <p>Each channel ({@value Channels#PREDICTIONS}, {@value Channels#PREDICTIONS_SHADOW}; their emitters) makes the
 * Kafka connector build and configure a producer from {@code mp.messaging.outgoing.<channel>.*} (idempotent,
 * {@code acks=all}, serializers); the hot path then hands each batch straight to that producer with one callback per
 * record, which avoids a per-message reactive pipeline (message, metadata, emitter buffer, sending-thread hop) at
 * hundreds of thousands of records per minute. The kit's {@link AckLatch} counts the acknowledgements.
 */
@ApplicationScoped
public class PredictionPublisher {

    private final Sender production;
    private final Sender shadow;

    public PredictionPublisher(
            @Channel(Channels.PREDICTIONS) MutinyEmitter<Prediction> predictions,
            @Channel(Channels.PREDICTIONS_SHADOW) MutinyEmitter<Prediction> shadowPredictions,
            KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing.predictions.topic", defaultValue = Topics.PREDICTIONS)
                    String topic,
            @ConfigProperty(
                            name = "mp.messaging.outgoing.predictions-shadow.topic",
                            defaultValue = Topics.PREDICTIONS_SHADOW)
                    String shadowTopic) {
        this.production = new Sender(predictions, clients, Channels.PREDICTIONS, topic);
        this.shadow = new Sender(shadowPredictions, clients, Channels.PREDICTIONS_SHADOW, shadowTopic);
    }

    /**
     * @return completes when Kafka has acknowledged every production prediction; fails with the first send error
     *     once every send has completed
     */
    public CompletableFuture<Void> publish(List<Prediction> predictions) {
        return production.send(predictions);
    }

    /** @return as {@link #publish}, for predictions of a model in shadow, on {@code fmnist.predictions.shadow} */
    public CompletableFuture<Void> publishShadow(List<Prediction> predictions) {
        return shadow.send(predictions);
    }

    /** One outgoing channel, sent through its Kafka producer when it has one. */
    private static final class Sender {

        private final MutinyEmitter<Prediction> channel;
        private final KafkaClientService clients;
        private final String channelName;
        private final String topic;
        private volatile Producer<String, Prediction> producer;

        Sender(MutinyEmitter<Prediction> channel, KafkaClientService clients, String channelName, String topic) {
            this.channel = channel;
            this.clients = clients;
            this.channelName = channelName;
            this.topic = topic;
        }

        CompletableFuture<Void> send(List<Prediction> predictions) {
            if (predictions.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Producer<String, Prediction> kafka = producer();
            if (kafka == null) {
                return throughChannel(predictions);
            }
            AckLatch latch = new AckLatch();
            try {
                for (Prediction prediction : predictions) {
                    kafka.send(new ProducerRecord<>(topic, prediction.id(), prediction), latch.callback());
                }
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return latch.seal();
        }

        /**
         * The channel is not a Kafka channel (the in-memory connector of the fast tests): each prediction goes
         * through the emitter, keyed by image id, and counts once the channel has acknowledged it.
         */
        private CompletableFuture<Void> throughChannel(List<Prediction> predictions) {
            return CompletableFuture.allOf(predictions.stream()
                    .map(p -> channel.sendMessage(Keyed.message(p.id(), p)).subscribeAsCompletionStage())
                    .toArray(CompletableFuture[]::new));
        }

        /** @return the Kafka producer of the channel, or null when the channel is not a Kafka channel */
        private Producer<String, Prediction> producer() {
            Producer<String, Prediction> current = producer;
            if (current == null) {
                io.smallrye.reactive.messaging.kafka.KafkaProducer<String, Prediction> managed =
                        clients.getProducer(channelName);
                if (managed == null) {
                    return null;
                }
                current = managed.unwrap();
                producer = current;
            }
            return current;
        }
    }
}
