package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;
import dev.fmnist.evaluation.rest.ModelStream;
import dev.fmnist.evaluation.service.ModelRegistry;
import dev.fmnist.evaluation.service.PredictionIntake;
import dev.fmnist.evaluation.service.RegisteredModel;
import dev.fmnist.kit.Isolation;
import dev.fmnist.kit.OutageGate;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;

/**
 * Follows {@code fmnist.models} from its beginning: each valid ModelEvent is stored (the newest per model wins) and
 * pushed to the model stream; a refused record goes to {@code fmnist.rejected} and consumption goes on. Returning
 * acknowledges the record, after the change is stored; a PostgreSQL outage waits ({@link OutageGate}) until it is.
 */
@ApplicationScoped
public class ModelEventConsumer {

    private final RecordDecoder decoder = new RecordDecoder(PredictionIntake.SERVICE);
    private final ModelRegistry registry;
    private final OutageGate gate;
    private final RejectionPublisher rejected;
    private final ModelStream stream;

    public ModelEventConsumer(
            ModelRegistry registry, OutageGate gate, RejectionPublisher rejected, ModelStream stream) {
        this.registry = registry;
        this.gate = gate;
        this.rejected = rejected;
        this.stream = stream;
    }

    /** Applies one model event. */
    @Incoming(Channels.MODELS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Decoded<ModelEvent> decoded = decoder.decode(record.topic(), record.key(), record.value(), ModelEvent.class);
        if (!decoded.isAccepted()) {
            rejected.send(List.of(decoded.rejection()));
            return;
        }
        RegisteredModel model = RegisteredModel.of(decoded.value(), Instant.ofEpochMilli(record.timestamp()));
        boolean applied;
        try {
            applied = gate.call("store a model event", () -> registry.apply(model));
        } catch (RuntimeException e) {
            Log.errorf(e, "Could not store the event of model %s; it is refused", model.modelId());
            rejected.send(List.of(Rejection.of(
                    record.topic(), record.key(), Isolation.reason(e), record.value(), PredictionIntake.SERVICE)));
            return;
        }
        if (applied) {
            Log.infof("Model %s (%s v%d) is %s", model.modelId(), model.name(), model.version(), model.status());
            stream.push(model.modelId());
        } else {
            Log.debugf("Ignored an older event of model %s", model.modelId());
        }
    }
}
