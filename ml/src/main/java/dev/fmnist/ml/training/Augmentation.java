package dev.fmnist.ml.training;

import dev.fmnist.contracts.ImageGeometry;

import java.util.Random;

/**
 * Random training-image variations drawn afresh for every image of every epoch: the image padded by {@code shift}
 * pixels of background (grey level 0) on every side and a random 28×28 crop taken from it (a shift of
 * {@code -shift..+shift} pixels in x and y independently), then, when {@code flip}, mirrored left-right with
 * probability ½. Labels are untouched (every Fashion-MNIST class is symmetric enough to survive a mirror).
 *
 * @param shift largest shift in pixels, 0 (none) to 8
 * @param flip  whether to mirror half of the images
 */
public record Augmentation(int shift, boolean flip) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (shift < 0 || shift > 8) {
            throw new IllegalArgumentException("shift must be 0..8, was " + shift);
        }
    }

    /** @return whether this changes anything */
    public boolean active() {
        return shift > 0 || flip;
    }

    /**
     * @param pixels 784 grey levels, row-major (not modified)
     * @param random the source of the draws (one shift in x, one in y, one flip, in that order)
     * @return a new 784-level image
     */
    public byte[] apply(byte[] pixels, Random random) {
        int side = ImageGeometry.SIDE;
        int dx = shift == 0 ? 0 : random.nextInt(2 * shift + 1) - shift;
        int dy = shift == 0 ? 0 : random.nextInt(2 * shift + 1) - shift;
        boolean mirror = flip && random.nextBoolean();
        byte[] out = new byte[ImageGeometry.PIXELS];
        for (int y = 0; y < side; y++) {
            int sy = y + dy;
            if (sy < 0 || sy >= side) {
                continue; // background
            }
            for (int x = 0; x < side; x++) {
                int sx = (mirror ? side - 1 - x : x) + dx;
                if (sx >= 0 && sx < side) {
                    out[y * side + x] = pixels[sy * side + sx];
                }
            }
        }
        return out;
    }
}
