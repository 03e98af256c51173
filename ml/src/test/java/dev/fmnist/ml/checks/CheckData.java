package dev.fmnist.ml.checks;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The real-image fixture (1,600 train images, 160 per class), read once per test JVM, as the training package's
 * {@code FixtureData} reads it (that class is package-private there).
 */
final class CheckData {

    private static TrainingData train;

    private CheckData() {}

    static synchronized TrainingData train() {
        if (train == null) {
            try {
                train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return train;
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
