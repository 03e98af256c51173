package dev.fmnist.ml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How grey levels become network inputs: {@code x' = (x * scale - mean) / std}. The model carries its own, so
 * inference always applies exactly what training used.
 *
 * @param scale multiplier of the raw level 0..255 (1/255 by default)
 * @param mean  subtracted after scaling (0 unless standardised)
 * @param std   divisor after subtracting the mean (1 unless standardised)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Normalization(double scale, double mean, double std) {

    /** Fashion-MNIST training-set mean of x/255. */
    public static final double FASHION_MEAN = 0.2860;
    /** Fashion-MNIST training-set standard deviation of x/255. */
    public static final double FASHION_STD = 0.3530;

    public Normalization {
        if (!(scale > 0) || !(std > 0)) {
            throw new IllegalArgumentException("scale and std must be positive");
        }
    }

    /** @return x/255 */
    public static Normalization unitRange() {
        return new Normalization(1.0 / 255.0, 0.0, 1.0);
    }

    /** @return (x/255 - 0.2860) / 0.3530 */
    public static Normalization standardised() {
        return new Normalization(1.0 / 255.0, FASHION_MEAN, FASHION_STD);
    }

    /** @return {@link #apply} of every grey level, indexed by the level (0..255) */
    public float[] lookupTable() {
        float[] table = new float[256];
        for (int level = 0; level < 256; level++) {
            table[level] = apply(level);
        }
        return table;
    }

    /** @return the network input for grey level {@code level} (0..255) */
    public float apply(int level) {
        return (float) ((level * scale - mean) / std);
    }
}
