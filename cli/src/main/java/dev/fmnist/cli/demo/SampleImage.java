package dev.fmnist.cli.demo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.image.GreyImageEncoder;

/**
 * Writes the first test image of an IDX folder as a PNG, for the demo's ready-to-paste {@code kcat} and
 * {@code fmnist publish} lines.
 */
public final class SampleImage {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private SampleImage() {
    }

    /**
     * @param datasetFolder folder holding {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}
     * @param target        folder to write into
     * @return the PNG written ({@code <class>.png}, e.g. {@code ankle-boot.png}), or empty when the files are not
     *         there or not readable
     */
    public static Optional<Path> writeFirstTestImage(Path datasetFolder, Path target) {
        try {
            Optional<Path> images = find(datasetFolder, "t10k-images-idx3-ubyte");
            Optional<Path> labels = find(datasetFolder, "t10k-labels-idx1-ubyte");
            if (images.isEmpty() || labels.isEmpty()) {
                return Optional.empty();
            }
            byte[] pixels = new byte[ImageGeometry.PIXELS];
            int label;
            try (DataInputStream in = new DataInputStream(open(images.get()))) {
                if (in.readInt() != IMAGES_MAGIC) {
                    return Optional.empty();
                }
                in.readInt();
                in.readInt();
                in.readInt();
                in.readFully(pixels);
            }
            try (DataInputStream in = new DataInputStream(open(labels.get()))) {
                if (in.readInt() != LABELS_MAGIC) {
                    return Optional.empty();
                }
                in.readInt();
                label = in.readUnsignedByte();
            }
            Files.createDirectories(target);
            Path png = target.resolve(fileName(label) + ".png");
            Files.write(png, GreyImageEncoder.toPng(pixels));
            return Optional.of(png);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return {@code ankle-boot} for 9, {@code t-shirt-top} for 0 */
    static String fileName(int label) {
        return FashionLabels.name(label).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static Optional<Path> find(Path folder, String name) {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }
}
