package dev.fmnist.evaluation.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.inject.Singleton;

/**
 * Fans out the ids of models whose registry entry changed to every connected model-stream client (a slow client's
 * bounded buffer overflowing ends its stream; an {@code EventSource} reconnects).
 */
@Singleton
public class ModelStream {

    private static final int CLIENT_BUFFER = 256;

    private final BroadcastProcessor<String> processor = BroadcastProcessor.create();

    /** Tells every connected client that a model's registry entry changed. */
    public void push(String modelId) {
        processor.onNext(modelId);
    }

    /** @return the ids of models changed from now on */
    public Multi<String> live() {
        return processor.onOverflow().buffer(CLIENT_BUFFER);
    }
}
