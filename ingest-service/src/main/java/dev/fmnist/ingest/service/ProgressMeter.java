package dev.fmnist.ingest.service;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;

/**
 * Logs the progress of long work at most once per interval: count, total, percent and rate, e.g.
 * {@code publish fashion-mnist/train: 30,000/60,000 (50.0%), 41,233 img/s}. Thread-safe.
 */
public final class ProgressMeter {

    private static final Logger LOG = Logger.getLogger(ProgressMeter.class);

    private final String what;
    private final long total;
    private final long intervalNanos;
    private final long startNanos;
    private long lastLogNanos;

    /**
     * @param what     what is being done, e.g. {@code publish fashion-mnist/train}
     * @param total    the number of items expected, or 0 when unknown
     * @param interval the shortest time between two log lines
     */
    public ProgressMeter(String what, long total, Duration interval) {
        this.what = what;
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.startNanos = System.nanoTime();
        this.lastLogNanos = startNanos;
    }

    /** Logs {@code done} when the interval has passed since the last line. */
    public void update(long done) {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastLogNanos < intervalNanos) {
                return;
            }
            lastLogNanos = now;
        }
        LOG.info(line(done, now));
    }

    /** Logs the final line. */
    public void finish(long done) {
        LOG.info(line(done, System.nanoTime()) + ", done in " + String.format(Locale.ROOT, "%.2f s", seconds()));
    }

    /** @return seconds since the start */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** @return the progress line for {@code done} items at {@code nowNanos} */
    String line(long done, long nowNanos) {
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-9);
        String percent = total > 0 ? String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total) : "";
        return String.format(Locale.ROOT, "%s: %,d/%,d%s, %,.0f img/s", what, done, total, percent, done / seconds);
    }
}
