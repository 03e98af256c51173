package dev.fmnist.contracts.metrics;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputProfile;

/**
 * Accumulates an {@link InputProfile}: per image its class, its mean grey level and its background share (the
 * fraction of its pixels that are 0). The same bins serve the training set's reference and a stream's window, so the
 * two can be compared bin by bin. Not thread-safe.
 */
public final class InputProfiler {

    /** Equal bins of the mean grey level over 0..255. */
    public static final int GREY_BINS = 16;

    /** Equal bins of the background share over 0..1. */
    public static final int BACKGROUND_BINS = 10;

    private final long[] classes = new long[FashionLabels.COUNT];
    private final long[] grey = new long[GREY_BINS];
    private final long[] background = new long[BACKGROUND_BINS];
    private long images;
    private long classified;
    private double greySum;
    private double backgroundSum;

    /**
     * Counts one image.
     *
     * @param pixels grey levels, unsigned bytes (0 = background)
     * @param label  its class 0..9 (true or predicted), or -1 when unknown
     */
    public void add(byte[] pixels, int label) {
        long sum = 0;
        int zeros = 0;
        for (byte pixel : pixels) {
            int level = pixel & 0xFF;
            sum += level;
            if (level == 0) {
                zeros++;
            }
        }
        double mean = pixels.length == 0 ? 0 : (double) sum / pixels.length;
        double share = pixels.length == 0 ? 1 : (double) zeros / pixels.length;
        grey[bin(mean / 256.0, GREY_BINS)]++;
        background[bin(share, BACKGROUND_BINS)]++;
        greySum += mean;
        backgroundSum += share;
        images++;
        addLabel(label);
    }

    /** Counts a class without an image (a prediction whose input was not seen); -1 is ignored. */
    public void addLabel(int label) {
        if (FashionLabels.isValid(label)) {
            classes[label]++;
            classified++;
        }
    }

    /** @return images counted by {@link #add} */
    public long images() {
        return images;
    }

    /** @return the profile so far (shares are all 0 where nothing was counted) */
    public InputProfile profile() {
        return new InputProfile(
                images,
                shares(classes, classified),
                shares(grey, images),
                shares(background, images),
                images == 0 ? 0 : greySum / images,
                images == 0 ? 0 : backgroundSum / images);
    }

    private static int bin(double unit, int bins) {
        int bin = (int) Math.floor(unit * bins);
        return Math.max(0, Math.min(bins - 1, bin));
    }

    private static double[] shares(long[] counts, long total) {
        double[] shares = new double[counts.length];
        if (total > 0) {
            for (int i = 0; i < counts.length; i++) {
                shares[i] = (double) counts[i] / total;
            }
        }
        return shares;
    }
}
