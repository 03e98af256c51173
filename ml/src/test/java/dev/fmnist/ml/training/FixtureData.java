package dev.fmnist.ml.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-image fixture (160 train / 50 test images per class), read from the repository's platform module. */
final class FixtureData {

    static final Path FOLDER = locate();

    private static TrainingData train;
    private static TrainingData test;

    private FixtureData() {
    }

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
            return IdxFiles.read(FOLDER, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("platform/src/main/resources/fixtures/fashion-mnist-mini");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture folder platform/src/main/resources/fixtures/fashion-mnist-mini "
                + "not found above " + Path.of("").toAbsolutePath());
    }
}
