package dev.fmnist.contracts.idx;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX layout of the official files ({@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte},
 * each gzipped or raw). Every file is checked as a whole, and refused with an {@link IdxFormatException} naming it:
 * gzip that does not inflate; magic number other than {@code 0x00000803} (images) / {@code 0x00000801} (labels);
 * images not 28×28; a length other than the header implies (truncated, or trailing bytes); image and label counts
 * that differ; a label outside 0..9.
 */
public final class IdxCodec {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxCodec() {}

    /** @return the images file name of a split prefix ({@code train}, {@code t10k}), without {@code .gz} */
    public static String imagesName(String prefix) {
        return prefix + "-images-idx3-ubyte";
    }

    /** @return the labels file name of a split prefix, without {@code .gz} */
    public static String labelsName(String prefix) {
        return prefix + "-labels-idx1-ubyte";
    }

    /**
     * Reads and checks both files of a split.
     *
     * @param folder folder holding them, gzipped or raw
     * @param prefix {@code train} or {@code t10k}
     * @return the split
     * @throws IdxFormatException when a file is missing or refused
     */
    public static IdxSplit read(Path folder, String prefix) {
        Path images = find(folder, imagesName(prefix)).orElseThrow(() -> missing(folder, imagesName(prefix)));
        Path labels = find(folder, labelsName(prefix)).orElseThrow(() -> missing(folder, labelsName(prefix)));
        return decode(imagesName(prefix), content(images), labelsName(prefix), content(labels));
    }

    /**
     * @param folder a folder
     * @param name   a file name without {@code .gz}
     * @return {@code name.gz} when present, else {@code name} when present
     */
    public static Optional<Path> find(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path raw = folder.resolve(name);
        return Files.isRegularFile(raw) ? Optional.of(raw) : Optional.empty();
    }

    /**
     * @param file a gzipped (recognised by its magic bytes, whatever its name) or raw file
     * @return its decompressed content
     * @throws IdxFormatException when it cannot be read or does not inflate
     */
    public static byte[] content(Path file) {
        boolean gzip;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            gzip = head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
            if (!gzip) {
                byte[] rest = in.readAllBytes();
                byte[] all = new byte[head.length + rest.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(rest, 0, all, head.length, rest.length);
                return all;
            }
        } catch (IOException e) {
            throw new IdxFormatException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IdxFormatException(
                    file.getFileName() + ": corrupt or truncated gzip (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks and decodes the decompressed content of an images file and its labels file.
     *
     * @param imagesName name of the images file, for messages
     * @param images     its content
     * @param labelsName name of the labels file, for messages
     * @param labels     its content
     * @return the split
     * @throws IdxFormatException when either is refused
     */
    public static IdxSplit decode(String imagesName, byte[] images, String labelsName, byte[] labels) {
        ByteBuffer imageHeader = header(images, imagesName, IMAGES_HEADER);
        int magic = imageHeader.getInt();
        if (magic != IMAGES_MAGIC) {
            throw new IdxFormatException(imagesName + ": wrong magic number 0x" + String.format("%08x", magic)
                    + ", an IDX image file starts with 0x00000803");
        }
        int count = imageHeader.getInt();
        int rows = imageHeader.getInt();
        int columns = imageHeader.getInt();
        if (rows != ImageGeometry.SIDE || columns != ImageGeometry.SIDE) {
            throw new IdxFormatException(imagesName + ": images are " + rows + "x" + columns + ", 28x28 are required");
        }
        checkLength(imagesName, images.length, IMAGES_HEADER + (long) count * ImageGeometry.PIXELS, count);

        ByteBuffer labelHeader = header(labels, labelsName, LABELS_HEADER);
        int labelMagic = labelHeader.getInt();
        if (labelMagic != LABELS_MAGIC) {
            throw new IdxFormatException(labelsName + ": wrong magic number 0x" + String.format("%08x", labelMagic)
                    + ", an IDX label file starts with 0x00000801");
        }
        int labelCount = labelHeader.getInt();
        checkLength(labelsName, labels.length, LABELS_HEADER + (long) labelCount, labelCount);
        if (labelCount != count) {
            throw new IdxFormatException(
                    imagesName + " holds " + count + " images but " + labelsName + " holds " + labelCount + " labels");
        }
        byte[] labelBytes = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = labels[LABELS_HEADER + i] & 0xFF;
            if (!FashionLabels.isValid(label)) {
                throw new IdxFormatException(labelsName + ": label " + label + " at index " + i + " is outside 0..9");
            }
            labelBytes[i] = (byte) label;
        }
        byte[] pixels = new byte[count * ImageGeometry.PIXELS];
        System.arraycopy(images, IMAGES_HEADER, pixels, 0, pixels.length);
        return new IdxSplit(count, pixels, labelBytes);
    }

    private static void checkLength(String name, long actual, long expected, int count) {
        if (actual < expected) {
            throw new IdxFormatException(name + ": truncated, the header announces " + count + " items (" + expected
                    + " bytes) but the file has " + actual + " bytes");
        }
        if (actual > expected) {
            throw new IdxFormatException(name + ": " + (actual - expected) + " unexpected trailing bytes after the "
                    + count + " items the header announces");
        }
    }

    private static ByteBuffer header(byte[] content, String name, int size) {
        if (content.length < size) {
            throw new IdxFormatException(name + ": truncated, " + content.length + " bytes is shorter than the " + size
                    + "-byte IDX header");
        }
        return ByteBuffer.wrap(content, 0, size);
    }

    private static IdxFormatException missing(Path folder, String name) {
        return new IdxFormatException("neither " + name + " nor " + name + ".gz in " + folder);
    }
}
