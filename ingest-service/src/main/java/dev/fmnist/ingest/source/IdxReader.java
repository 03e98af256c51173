package dev.fmnist.ingest.source;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the official IDX layout from a folder: {@code train-images-idx3-ubyte} + {@code train-labels-idx1-ubyte}
 * (split {@code train}) and {@code t10k-images-idx3-ubyte} + {@code t10k-labels-idx1-ubyte} (split {@code test}),
 * each gzipped ({@code .gz}) or raw. Every file is checked as a whole, and refused with the reason:
 * <ul>
 *   <li>gzip that does not inflate (corrupt or truncated);</li>
 *   <li>magic number other than {@code 0x00000803} (images) / {@code 0x00000801} (labels);</li>
 *   <li>images not 28×28;</li>
 *   <li>length other than the header's count implies (truncated, or trailing bytes);</li>
 *   <li>image and label counts that differ; a label outside 0..9;</li>
 *   <li>a SHA-256 of the decompressed content that the {@link ChecksumPolicy} refuses.</li>
 * </ul>
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The official split name → file prefix pairs, in publishing order. */
    private static final List<String[]> SPLITS = List.of(new String[] {"train", "train"},
            new String[] {"test", "t10k"});

    private final ChecksumPolicy checksums;

    /** @param checksums which sums files must have */
    public IdxReader(ChecksumPolicy checksums) {
        this.checksums = checksums;
    }

    /**
     * @param folder a folder holding the files of at least one split
     * @return the splits found (train, then test)
     * @throws SourceNotFoundException when the folder is missing or holds no complete split
     * @throws SourceException         when a file is refused
     */
    public SourceData read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SourceNotFoundException("no such folder: " + folder);
        }
        List<SplitData> splits = new ArrayList<>();
        for (String[] split : SPLITS) {
            Path images = find(folder, split[1] + "-images-idx3-ubyte");
            Path labels = find(folder, split[1] + "-labels-idx1-ubyte");
            if (images == null && labels == null) {
                continue;
            }
            if (images == null || labels == null) {
                throw new SourceException("incomplete split '" + split[0] + "' in " + folder + ": "
                        + (images == null ? split[1] + "-images-idx3-ubyte" : split[1] + "-labels-idx1-ubyte")
                        + "(.gz) is missing");
            }
            splits.add(readSplit(split[0], images, labels));
        }
        if (splits.isEmpty()) {
            throw new SourceNotFoundException("no IDX files in " + folder
                    + " (expected train-images-idx3-ubyte[.gz] / t10k-images-idx3-ubyte[.gz] with their labels)");
        }
        return new SourceData(SourceKind.IDX, folder.toAbsolutePath().toString(), splits);
    }

    /** @return whether {@code folder} holds at least one official IDX file */
    public static boolean hasIdxFiles(Path folder) {
        return Files.isDirectory(folder) && SPLITS.stream().anyMatch(s ->
                find(folder, s[1] + "-images-idx3-ubyte") != null || find(folder, s[1] + "-labels-idx1-ubyte") != null);
    }

    /**
     * Reads and checks one split's pair of files.
     *
     * @param split      split name
     * @param imagesPath images file, gzipped or raw
     * @param labelsPath labels file, gzipped or raw
     * @return the split
     */
    public SplitData readSplit(String split, Path imagesPath, Path labelsPath) {
        String imagesName = baseName(imagesPath);
        String labelsName = baseName(labelsPath);
        byte[] images = content(imagesPath);
        byte[] labels = content(labelsPath);

        ByteBuffer imageHeader = header(images, imagesName, 16);
        int magic = imageHeader.getInt();
        if (magic != IMAGES_MAGIC) {
            throw new SourceException(imagesName + ": wrong magic number 0x" + String.format("%08x", magic)
                    + ", an IDX image file starts with 0x00000803");
        }
        int count = imageHeader.getInt();
        int rows = imageHeader.getInt();
        int columns = imageHeader.getInt();
        if (rows != ImageGeometry.SIDE || columns != ImageGeometry.SIDE) {
            throw new SourceException(imagesName + ": images are " + rows + "x" + columns + ", 28x28 are required");
        }
        checkLength(imagesName, images.length, 16L + (long) count * ImageGeometry.PIXELS, count);

        ByteBuffer labelHeader = header(labels, labelsName, 8);
        int labelMagic = labelHeader.getInt();
        if (labelMagic != LABELS_MAGIC) {
            throw new SourceException(labelsName + ": wrong magic number 0x" + String.format("%08x", labelMagic)
                    + ", an IDX label file starts with 0x00000801");
        }
        int labelCount = labelHeader.getInt();
        checkLength(labelsName, labels.length, 8L + labelCount, labelCount);
        if (labelCount != count) {
            throw new SourceException(split + ": " + imagesName + " holds " + count + " images but " + labelsName
                    + " holds " + labelCount + " labels");
        }
        int[] indexes = new int[count];
        byte[] labelBytes = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = labels[8 + i] & 0xFF;
            if (!FashionLabels.isValid(label)) {
                throw new SourceException(labelsName + ": label " + label + " at index " + i + " is outside 0..9");
            }
            indexes[i] = i;
            labelBytes[i] = (byte) label;
        }
        SourceFile imagesFile = checksums.check(imagesName, Sha256.hex(images));
        SourceFile labelsFile = checksums.check(labelsName, Sha256.hex(labels));
        byte[] pixels = new byte[count * ImageGeometry.PIXELS];
        System.arraycopy(images, 16, pixels, 0, pixels.length);
        return new SplitData(split, indexes, labelBytes, pixels, List.of(), List.of(imagesFile, labelsFile));
    }

    private static void checkLength(String name, long actual, long expected, int count) {
        if (actual < expected) {
            throw new SourceException(name + ": truncated, the header announces " + count + " items ("
                    + expected + " bytes) but the file has " + actual + " bytes");
        }
        if (actual > expected) {
            throw new SourceException(name + ": " + (actual - expected) + " unexpected trailing bytes after the "
                    + count + " items the header announces");
        }
    }

    private static ByteBuffer header(byte[] content, String name, int size) {
        if (content.length < size) {
            throw new SourceException(name + ": truncated, " + content.length + " bytes is shorter than the "
                    + size + "-byte IDX header");
        }
        return ByteBuffer.wrap(content, 0, size);
    }

    /** @return the decompressed content of a gzipped or raw file */
    static byte[] content(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            boolean gzip = head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
            if (!gzip) {
                byte[] rest = in.readAllBytes();
                byte[] all = new byte[head.length + rest.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(rest, 0, all, head.length, rest.length);
                return all;
            }
        } catch (IOException e) {
            throw new SourceException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SourceException(file.getFileName() + ": corrupt or truncated gzip (" + e.getMessage() + ")", e);
        }
    }

    private static Path find(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = folder.resolve(name);
        return Files.isRegularFile(raw) ? raw : null;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
