package dev.fmnist.ml.training;

import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxFormatException;
import dev.fmnist.contracts.idx.IdxSplit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the official (MNIST-style) IDX files of one split, e.g. {@code train-images-idx3-ubyte[.gz]} and
 * {@code train-labels-idx1-ubyte[.gz]}, into {@link TrainingData}, through the contract's {@link IdxCodec}. For
 * tests and benchmarks; the services read datasets from Kafka.
 */
public final class IdxFiles {

    private IdxFiles() {}

    /**
     * @param folder folder holding the files, gzipped or not
     * @param prefix {@code train} or {@code t10k}
     * @return the split's images and labels
     * @throws IOException when the files are missing or malformed
     */
    public static TrainingData read(Path folder, String prefix) throws IOException {
        IdxSplit split;
        try {
            split = IdxCodec.read(folder, prefix);
        } catch (IdxFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<byte[]> images = new ArrayList<>(split.count());
        int[] labels = new int[split.count()];
        for (int i = 0; i < split.count(); i++) {
            images.add(split.image(i));
            labels[i] = split.label(i);
        }
        return new TrainingData(images, labels);
    }
}
