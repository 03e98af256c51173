package dev.fmnist.evaluation.testing;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Model registry events as the training service publishes them on {@code fmnist.models}. */
public final class ModelEvents {

    private ModelEvents() {}

    /** @return an event of model {@code modelId} ("cnn" v3, registered with the given test accuracy) */
    public static ModelEvent event(
            String modelId,
            String name,
            ModelStatus status,
            ModelStatus previous,
            double testAccuracy,
            Instant timestamp) {
        return new ModelEvent(
                modelId,
                name,
                3,
                "cnn",
                status,
                previous,
                Map.of("testAccuracy", testAccuracy, "validationAccuracy", 0.5),
                "ds-1",
                "job-1",
                null,
                null,
                "test",
                timestamp);
    }

    /** Sends events keyed by model id and waits until the broker has them. */
    public static void send(ModelEvent... events) {
        Broker.send(
                Topics.MODELS,
                List.of(events).stream()
                        .map(e -> Map.entry(e.modelId(), JsonCodec.toBytes(e)))
                        .toList());
    }
}
