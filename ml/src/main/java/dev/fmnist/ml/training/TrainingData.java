package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;

import java.util.List;

/**
 * Labelled images held in memory.
 *
 * @param images grey levels, 784 per image, row-major
 * @param labels class of each image, 0..9
 */
public record TrainingData(List<byte[]> images, int[] labels) {

    public TrainingData {
        if (images.size() != labels.length) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (!FashionLabels.isValid(labels[i])) {
                throw new IllegalArgumentException("label of image " + i + " is " + labels[i] + ", not 0..9");
            }
            if (images.get(i).length != ImageGeometry.PIXELS) {
                throw new IllegalArgumentException("image " + i + " has " + images.get(i).length + " pixels");
            }
        }
    }

    /** @return number of images */
    public int size() {
        return labels.length;
    }

    /** @return images per class, index = label */
    public long[] classCounts() {
        long[] counts = new long[FashionLabels.COUNT];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** @return the images at {@code indices}, in that order */
    public TrainingData subset(int[] indices) {
        byte[][] picked = new byte[indices.length][];
        int[] pickedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = images.get(indices[i]);
            pickedLabels[i] = labels[indices[i]];
        }
        return new TrainingData(List.of(picked), pickedLabels);
    }
}
