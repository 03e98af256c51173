package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.RecentMetrics;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

import java.time.Instant;

/**
 * The last W labelled predictions counted for one model (a ring buffer), with their confusion matrix kept up to date
 * as predictions enter and leave. Not thread-safe.
 */
public final class RecentWindow {

    private final int capacity;
    private final byte[] trueLabels;
    private final byte[] predictedLabels;
    private final Instant[] timestamps;
    private final ConfusionMatrix matrix = new ConfusionMatrix();
    private int next;
    private int size;

    /** @param capacity W, at least 1 */
    public RecentWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window size must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.trueLabels = new byte[capacity];
        this.predictedLabels = new byte[capacity];
        this.timestamps = new Instant[capacity];
    }

    /** Adds one prediction, evicting the oldest when full. */
    public void add(int trueLabel, int predictedLabel, Instant timestamp) {
        if (size == capacity) {
            matrix.add(trueLabels[next], predictedLabels[next], -1);
        } else {
            size++;
        }
        trueLabels[next] = (byte) trueLabel;
        predictedLabels[next] = (byte) predictedLabel;
        timestamps[next] = timestamp;
        matrix.add(trueLabel, predictedLabel);
        next = (next + 1) % capacity;
    }

    /** @return predictions in the window (at most W) */
    public int size() {
        return size;
    }

    /** @return the figures over the window, or null when it is empty */
    public RecentMetrics metrics() {
        if (size == 0) {
            return null;
        }
        Instant start = null;
        Instant end = null;
        for (int i = 0; i < size; i++) {
            Instant t = timestamps[i];
            if (t != null) {
                start = start == null || t.isBefore(start) ? t : start;
                end = end == null || t.isAfter(end) ? t : end;
            }
        }
        return new RecentMetrics(
                capacity, size, matrix.accuracy(), matrix.macroF1(), matrix.toArray(), new TimeWindow(start, end));
    }
}
