package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The real-image fixture (160 train / 50 test images per class), read once per test JVM; shared by ml's tests. */
public final class FixtureData {

    private static TrainingData train;
    private static TrainingData test;

    private FixtureData() {}

    public static synchronized TrainingData train() {
        if (train == null) {
            train = read("train");
        }
        return train;
    }

    public static synchronized TrainingData test() {
        if (test == null) {
            test = read("t10k");
        }
        return test;
    }

    /** @return the first {@code perClass} training images of every class, in the fixture's order */
    public static TrainingData firstOfEachClass(int perClass) {
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

    private static TrainingData read(String prefix) {
        try {
            return IdxFiles.read(Fixtures.fashionMnistMini(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
