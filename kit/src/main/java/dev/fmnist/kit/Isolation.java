package dev.fmnist.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the poison records of a batch: the batch is handled whole; if that fails for a reason of its own (not an
 * outage), each half is handled alone, and so on down to single records, so the good records are handled and only
 * the ones that fail by themselves are handed back. A batch with one poison record costs about 2·log2(n) extra
 * calls. The handler must be transactional per call (a failed call leaves nothing behind) and should already wait
 * out outages itself ({@link OutageGate}); an outage that still reaches here propagates.
 */
public final class Isolation {

    private Isolation() {}

    /**
     * @param batch   the records
     * @param handler handles a sub-list in one transaction; throws when it cannot
     * @return the records that failed alone, with their failure, in batch order
     */
    public static <T> List<Failure<T>> isolate(List<T> batch, Consumer<List<T>> handler) {
        List<Failure<T>> failures = new ArrayList<>();
        handle(batch, handler, failures);
        return failures;
    }

    private static <T> void handle(List<T> part, Consumer<List<T>> handler, List<Failure<T>> failures) {
        if (part.isEmpty()) {
            return;
        }
        try {
            handler.accept(part);
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            if (part.size() == 1) {
                failures.add(new Failure<>(part.get(0), e));
                return;
            }
            int half = part.size() / 2;
            handle(part.subList(0, half), handler, failures);
            handle(part.subList(half, part.size()), handler, failures);
        }
    }

    /**
     * The rejection reason for a record that failed on its own: rule {@code processing-failed} and the cause.
     *
     * @param failure why it failed
     * @return {@code processing-failed: <type>: <message>}
     */
    public static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return "processing-failed: " + failure.getClass().getSimpleName() + ": " + message;
    }

    /**
     * A record that failed alone.
     *
     * @param item  the record
     * @param cause its failure
     */
    public record Failure<T>(T item, RuntimeException cause) {}
}
