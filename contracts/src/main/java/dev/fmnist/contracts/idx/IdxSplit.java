package dev.fmnist.contracts.idx;

import dev.fmnist.contracts.ImageGeometry;

import java.util.Arrays;

/**
 * The decoded content of one pair of IDX files: {@code count} images of 784 grey levels and their labels.
 *
 * @param count  number of images
 * @param pixels all images, {@code count * 784} grey levels, image after image
 * @param labels one label 0..9 per image
 */
public record IdxSplit(int count, byte[] pixels, byte[] labels) {

    /** @return a copy of image {@code index}, 784 grey levels */
    public byte[] image(int index) {
        int from = index * ImageGeometry.PIXELS;
        return Arrays.copyOfRange(pixels, from, from + ImageGeometry.PIXELS);
    }

    /** @return the label of image {@code index} */
    public int label(int index) {
        return labels[index] & 0xFF;
    }
}
