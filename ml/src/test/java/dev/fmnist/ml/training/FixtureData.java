package dev.fmnist.ml.training;

import dev.fmnist.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The real-image fixture (160 train / 50 test images per class), read once per test JVM. */
final class FixtureData {

    private static TrainingData train;
    private static TrainingData test;

    private FixtureData() {}

    static synchronized TrainingData train() {
        if (train == null) {
            train = read("train");
        }
        return train;
    }

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
}
