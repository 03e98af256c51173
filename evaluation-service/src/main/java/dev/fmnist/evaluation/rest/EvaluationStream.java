package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.Evaluation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.inject.Singleton;

/**
 * Fans emitted evaluations out to every connected stream client. A slow client gets a bounded buffer; when it
 * overflows, that client's stream ends (an {@code EventSource} reconnects and receives the latest evaluations again)
 * rather than holding anyone up.
 */
@Singleton
public class EvaluationStream {

    private static final int CLIENT_BUFFER = 256;

    private final BroadcastProcessor<Evaluation> processor = BroadcastProcessor.create();

    /** Sends an emitted evaluation to every connected client. */
    public void push(Evaluation evaluation) {
        processor.onNext(evaluation);
    }

    /** @return the evaluations emitted from now on */
    public Multi<Evaluation> live() {
        return processor.onOverflow().buffer(CLIENT_BUFFER);
    }
}
