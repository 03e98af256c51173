package dev.fmnist.training.service;

import dev.fmnist.contracts.ModelEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * Port: the transactional outbox of {@code fmnist.models}. The registry appends the events of a change in the
 * change's transaction; the relay takes them in that order and removes each one after Kafka acknowledged it. Every
 * method throws {@link StoreException} when the store fails.
 */
public interface Outbox {

    /** Appends {@code events}, in order, in the caller's transaction; ids follow commit order. */
    void append(List<ModelEvent> events);

    /**
     * Runs one relay pass in a transaction of its own that holds the relay lock (one relay of all instances at a
     * time); {@link #pending}, {@link #delete} and {@link #failed} called by the pass join it. Committed when the
     * pass returns, rolled back when it throws.
     *
     * @return the pass's result, or null when another relay holds the lock
     */
    <T> T asRelay(Supplier<T> pass);

    /** @return up to {@code limit} unpublished events, oldest first */
    List<Entry> pending(int limit);

    /** Removes a published event. */
    void delete(long id);

    /** Records a failed attempt to publish an event. */
    void failed(long id, String error);

    /** @return unpublished events */
    long pendingCount();

    /**
     * An unpublished event.
     *
     * @param id       position in the outbox (publication order)
     * @param event    the event
     * @param attempts failed attempts so far
     */
    record Entry(long id, ModelEvent event, int attempts) {}
}
