package dev.fmnist.ml.checks;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The real-image fixture (1,600 train images and 500 test images, 160 and 50 per class), read once per test JVM,
 * as the training package's {@code FixtureData} reads it (that class is package-private there).
 */
final class CheckData {

    private static TrainingData train;
    private static TrainingData test;

    private CheckData() {}

    static synchronized TrainingData train() {
        if (train == null) {
            train = read("train");
        }
        return train;
    }

    /** @return the fixture's 500 test images, 50 per class */
    static synchronized TrainingData test() {
        if (test == null) {
            test = read("t10k");
        }
        return test;
    }

    private static TrainingData read(String prefix) {
        try {
            return IdxFiles.read(Fixtures.fashionMnistMini(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the first {@code perClass} training images of every class, in the fixture's order */
    static TrainingData firstOfEachClass(int perClass) {
        TrainingData all = train();
        int[] taken = new int[FashionLabels.COUNT];
        int[] picked = new int[perClass * FashionLabels.COUNT];
        int n = 0;
        for (int i = 0; i < all.size() && n < picked.length; i++) {
            int label = all.labels()[i];
            if (taken[label] < perClass) {
                taken[label]++;
                picked[n++] = i;
            }
        }
        if (n < picked.length) {
            throw new IllegalStateException(
                    "the fixture has fewer than " + perClass + " images of some class: " + Arrays.toString(taken));
        }
        return all.subset(picked);
    }
}
