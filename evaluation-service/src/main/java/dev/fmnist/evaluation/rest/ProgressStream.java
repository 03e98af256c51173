package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.TrainingProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.inject.Singleton;

/**
 * Fans newly stored training progress records out to every connected progress-stream client (a slow client's
 * bounded buffer overflowing ends its stream; an {@code EventSource} reconnects).
 */
@Singleton
public class ProgressStream {

    private static final int CLIENT_BUFFER = 256;

    private final BroadcastProcessor<TrainingProgress> processor = BroadcastProcessor.create();

    /** Sends a newly stored record to every connected client. */
    public void push(TrainingProgress progress) {
        processor.onNext(progress);
    }

    /** @return the records stored from now on */
    public Multi<TrainingProgress> live() {
        return processor.onOverflow().buffer(CLIENT_BUFFER);
    }
}
