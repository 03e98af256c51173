package dev.fmnist.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Test data that ships with the platform module. */
public final class Fixtures {

    /** The four gzipped IDX files of {@link #fashionMnistMini()}. */
    public static final List<String> FASHION_MNIST_FILES = List.of(
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    /** Images in the mini training split (160 per class). */
    public static final int MINI_TRAIN_COUNT = 1_600;
    /** Images in the mini test split (50 per class). */
    public static final int MINI_TEST_COUNT = 500;

    private static final String RESOURCE_FOLDER = "fixtures/fashion-mnist-mini/";

    private static Path fashionMnistMini;

    private Fixtures() {}

    /**
     * Real Fashion-MNIST images in the official gzipped IDX layout: 1,600 training images (160 per class) and 500
     * test images (50 per class), copied out of the classpath into a temporary folder (deleted when the JVM exits).
     *
     * @return a folder holding {@link #FASHION_MNIST_FILES}
     */
    public static synchronized Path fashionMnistMini() {
        if (fashionMnistMini != null && Files.isDirectory(fashionMnistMini)) {
            return fashionMnistMini;
        }
        try {
            Path folder = Files.createTempDirectory("fashion-mnist-mini-");
            folder.toFile().deleteOnExit();
            for (String name : FASHION_MNIST_FILES) {
                Path target = folder.resolve(name);
                try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + name)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "fixture " + RESOURCE_FOLDER + name + " is not on the classpath");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            fashionMnistMini = folder;
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the fashion-mnist-mini fixture", e);
        }
    }
}
