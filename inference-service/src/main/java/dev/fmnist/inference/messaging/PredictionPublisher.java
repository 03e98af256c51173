package dev.fmnist.inference.messaging;

import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes a batch's predictions on {@code fmnist.predictions} (key = image id) and says when Kafka has
 * acknowledged all of them.
 *
 * <p>The {@value Channels#PREDICTIONS} channel (its emitter) makes the Kafka connector build and configure the
 * producer from {@code mp.messaging.outgoing.predictions.*} (idempotent, {@code acks=all}, serializers); the hot
 * path then hands each batch straight to that producer with one callback per record, which avoids a per-message
 * reactive pipeline (message, metadata, emitter buffer, sending-thread hop) at hundreds of thousands of
 * records per minute.
 */
@ApplicationScoped
public class PredictionPublisher {

    private final KafkaClientService clients;
    private final String topic;
    private volatile Producer<String, Prediction> producer;

    public PredictionPublisher(
            @Channel(Channels.PREDICTIONS) MutinyEmitter<Prediction> channel,
            KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing.predictions.topic", defaultValue = Topics.PREDICTIONS)
                    String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /** @return completes when Kafka has acknowledged every prediction, or fails with the first send error */
    public CompletableFuture<Void> publish(List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Producer<String, Prediction> kafka = producer();
        AllAcknowledged acknowledged = new AllAcknowledged(predictions.size());
        try {
            for (Prediction prediction : predictions) {
                kafka.send(new ProducerRecord<>(topic, prediction.id(), prediction), acknowledged);
            }
        } catch (RuntimeException e) {
            acknowledged.future.completeExceptionally(e);
        }
        return acknowledged.future;
    }

    private Producer<String, Prediction> producer() {
        Producer<String, Prediction> current = producer;
        if (current == null) {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, Prediction> managed =
                    clients.getProducer(Channels.PREDICTIONS);
            if (managed == null) {
                throw new IllegalStateException(
                        "the Kafka connector has no producer for channel " + Channels.PREDICTIONS);
            }
            current = managed.unwrap();
            producer = current;
        }
        return current;
    }

    /** Completes its future once every send of a batch is acknowledged; fails it on the first error. */
    private static final class AllAcknowledged implements Callback {
        private final AtomicInteger pending;
        private final CompletableFuture<Void> future = new CompletableFuture<>();

        AllAcknowledged(int count) {
            pending = new AtomicInteger(count);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                future.completeExceptionally(exception);
            } else if (pending.decrementAndGet() == 0) {
                future.complete(null);
            }
        }
    }
}
