package dev.fmnist.ml.training;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the official (MNIST-style) IDX files of one split, e.g. {@code train-images-idx3-ubyte[.gz]} and
 * {@code train-labels-idx1-ubyte[.gz]}, into {@link TrainingData}. For tests and benchmarks; the services read
 * datasets from Kafka.
 */
public final class IdxFiles {

    private IdxFiles() {
    }

    /**
     * @param folder folder holding the files, gzipped or not
     * @param prefix {@code train} or {@code t10k}
     * @return the split's images and labels
     * @throws IOException when the files are missing or malformed
     */
    public static TrainingData read(Path folder, String prefix) throws IOException {
        byte[][] images = readImages(find(folder, prefix + "-images-idx3-ubyte"));
        int[] labels = readLabels(find(folder, prefix + "-labels-idx1-ubyte"));
        return new TrainingData(List.of(images), labels);
    }

    private static Path find(Path folder, String name) throws IOException {
        for (String candidate : new String[]{name, name + ".gz"}) {
            Path path = folder.resolve(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new IOException("neither " + name + " nor " + name + ".gz in " + folder);
    }

    private static DataInputStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        return new DataInputStream(path.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
    }

    private static byte[][] readImages(Path path) throws IOException {
        try (DataInputStream in = open(path)) {
            if (in.readInt() != 0x00000803) {
                throw new IOException(path + " is not an IDX image file");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows * cols != 784) {
                throw new IOException(path + " holds " + rows + "x" + cols + " images, not 28x28");
            }
            List<byte[]> images = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] pixels = new byte[784];
                in.readFully(pixels);
                images.add(pixels);
            }
            return images.toArray(new byte[0][]);
        }
    }

    private static int[] readLabels(Path path) throws IOException {
        try (DataInputStream in = open(path)) {
            if (in.readInt() != 0x00000801) {
                throw new IOException(path + " is not an IDX label file");
            }
            int count = in.readInt();
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        }
    }
}
