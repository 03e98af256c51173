package dev.fmnist.ml.architecture;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A one-cycle schedule stepped every batch (iteration): from {@code start} to {@code peak} over the first
 * {@code warmupFraction} of {@code totalSteps}, then to {@code end} at the last step, both phases along a half
 * cosine (as PyTorch's {@code OneCycleLR} with its default cosine annealing). Used for the learning rate
 * (0.004 → 0.1 → 4e-7) and, the other way round, for the Nesterov momentum (0.95 → 0.85 → 0.95). Steps past
 * {@code totalSteps} keep the end value. Serialised with the network configuration, so a saved model reloads.
 */
public final class OneCycleSchedule implements ISchedule {

    private final double start;
    private final double peak;
    private final double end;
    private final int totalSteps;
    private final double warmupFraction;

    /**
     * @param start          value at step 0
     * @param peak           value at the end of the warm-up
     * @param end            value at the last step
     * @param totalSteps     steps of the whole training (epochs × batches per epoch), &gt; 0
     * @param warmupFraction share of the steps spent going from {@code start} to {@code peak}, 0..1
     */
    public OneCycleSchedule(
            @JsonProperty("start") double start,
            @JsonProperty("peak") double peak,
            @JsonProperty("end") double end,
            @JsonProperty("totalSteps") int totalSteps,
            @JsonProperty("warmupFraction") double warmupFraction) {
        if (totalSteps <= 0 || !(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException("totalSteps must be > 0 and warmupFraction 0..1");
        }
        this.start = start;
        this.peak = peak;
        this.end = end;
        this.totalSteps = totalSteps;
        this.warmupFraction = warmupFraction;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double warmupSteps = warmupFraction * totalSteps;
        double lastStep = Math.max(1, totalSteps - 1);
        if (iteration < warmupSteps) {
            return cosine(start, peak, iteration / warmupSteps);
        }
        double annealSteps = lastStep - warmupSteps;
        double pct = annealSteps <= 0 ? 1 : Math.min(1, (iteration - warmupSteps) / annealSteps);
        return cosine(peak, end, pct);
    }

    private static double cosine(double from, double to, double pct) {
        return to + (from - to) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    @Override
    public ISchedule clone() {
        return new OneCycleSchedule(start, peak, end, totalSteps, warmupFraction);
    }

    @JsonProperty("start")
    public double getStart() {
        return start;
    }

    @JsonProperty("peak")
    public double getPeak() {
        return peak;
    }

    @JsonProperty("end")
    public double getEnd() {
        return end;
    }

    @JsonProperty("totalSteps")
    public int getTotalSteps() {
        return totalSteps;
    }

    @JsonProperty("warmupFraction")
    public double getWarmupFraction() {
        return warmupFraction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneCycleSchedule s
                && s.start == start
                && s.peak == peak
                && s.end == end
                && s.totalSteps == totalSteps
                && s.warmupFraction == warmupFraction;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(start, peak, end, totalSteps, warmupFraction);
    }

    @Override
    public String toString() {
        return "OneCycleSchedule(" + start + " -> " + peak + " -> " + end + ", " + totalSteps + " steps, warm-up "
                + warmupFraction + ")";
    }
}
