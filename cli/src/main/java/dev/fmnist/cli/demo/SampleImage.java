package dev.fmnist.cli.demo;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxFormatException;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.contracts.image.GreyImageEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the first test image of an IDX folder as a PNG, for the demo's ready-to-paste {@code kcat} and
 * {@code fmnist publish} lines.
 */
public final class SampleImage {

    private SampleImage() {}

    /**
     * @param datasetFolder folder holding {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}
     * @param target        folder to write into
     * @return the PNG written ({@code <class>.png}, e.g. {@code ankle-boot.png}), or empty when the files are not
     *         there or not readable
     */
    public static Optional<Path> writeFirstTestImage(Path datasetFolder, Path target) {
        try {
            IdxSplit test = IdxCodec.read(datasetFolder, "t10k");
            if (test.count() == 0) {
                return Optional.empty();
            }
            Files.createDirectories(target);
            Path png = target.resolve(fileName(test.label(0)) + ".png");
            Files.write(png, GreyImageEncoder.toPng(test.image(0)));
            return Optional.of(png);
        } catch (IdxFormatException | IOException e) {
            return Optional.empty();
        }
    }

    /** @return {@code ankle-boot} for 9, {@code t-shirt-top} for 0 */
    static String fileName(int label) {
        return FashionLabels.name(label).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
