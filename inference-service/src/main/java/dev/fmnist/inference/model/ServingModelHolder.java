package dev.fmnist.inference.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one model this instance serves, swapped atomically. A reader takes the current model once and keeps using it,
 * so a batch that started on one model finishes on it even when another is swapped in meanwhile. While no model
 * serves, {@link #awaitServing()} hands out futures that complete when one arrives.
 */
public final class ServingModelHolder {

    private volatile ServingModel current;
    private final List<CompletableFuture<ServingModel>> waiting = new ArrayList<>();

    /** @return the model serving now, if any */
    public Optional<ServingModel> current() {
        return Optional.ofNullable(current);
    }

    /**
     * @return the serving model, now if there is one, else as soon as one is {@linkplain #serve(ServingModel) served}
     */
    public CompletionStage<ServingModel> awaitServing() {
        ServingModel model = current;
        if (model != null) {
            return CompletableFuture.completedFuture(model);
        }
        synchronized (waiting) {
            model = current;
            if (model != null) {
                return CompletableFuture.completedFuture(model);
            }
            CompletableFuture<ServingModel> future = new CompletableFuture<>();
            waiting.add(future);
            return future;
        }
    }

    /**
     * Serves {@code model} from now on (null: none, so new work waits again).
     *
     * @return the model served before
     */
    public ServingModel serve(ServingModel model) {
        List<CompletableFuture<ServingModel>> released;
        ServingModel previous;
        synchronized (waiting) {
            previous = current;
            current = model;
            if (model == null || waiting.isEmpty()) {
                return previous;
            }
            released = List.copyOf(waiting);
            waiting.clear();
        }
        released.forEach(future -> future.complete(model));
        return previous;
    }
}
