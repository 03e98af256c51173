package dev.fmnist.ingest.source;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The accepted images of one split, held compactly: image {@code i} has position {@code indexes[i]} in the source
 * (its id number), label {@code labels[i]} and pixels {@code pixels[i*784 .. i*784+783]}.
 *
 * @param split      split name ({@code train}, {@code test}, ...)
 * @param indexes    source position of each accepted image, ascending
 * @param labels     label 0..9 of each accepted image
 * @param pixels     784 grey levels per accepted image, concatenated
 * @param rejections source rows refused on their own
 * @param files      files the split was read from, with their checksum outcome
 */
public record SplitData(
        String split,
        int[] indexes,
        byte[] labels,
        byte[] pixels,
        List<RowRejection> rejections,
        List<SourceFile> files) {

    public SplitData {
        if (indexes.length != labels.length || pixels.length != labels.length * ImageGeometry.PIXELS) {
            throw new IllegalArgumentException("inconsistent split arrays");
        }
        rejections = List.copyOf(rejections);
        files = List.copyOf(files);
    }

    /** @return accepted images */
    public int count() {
        return labels.length;
    }

    /** @return label of accepted image {@code i} */
    public int label(int i) {
        return labels[i];
    }

    /** @return source position (id number) of accepted image {@code i} */
    public int index(int i) {
        return indexes[i];
    }

    /** @return a copy of the 784 grey levels of accepted image {@code i} */
    public byte[] pixels(int i) {
        return Arrays.copyOfRange(pixels, i * ImageGeometry.PIXELS, (i + 1) * ImageGeometry.PIXELS);
    }

    /** @return accepted images per label 0..9 */
    public long[] classCounts() {
        long[] counts = new long[FashionLabels.COUNT];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The split's content hash: SHA-256 over, for each accepted image in order, its source position (4 bytes,
     * big-endian), its label (1 byte) and its 784 grey levels. Same images at the same positions, same hash.
     *
     * @return lower-case hex
     */
    public String contentHash() {
        MessageDigest digest = Sha256.digest();
        ByteBuffer head = ByteBuffer.allocate(5);
        for (int i = 0; i < count(); i++) {
            head.clear();
            head.putInt(indexes[i]).put(labels[i]);
            digest.update(head.array());
            digest.update(pixels, i * ImageGeometry.PIXELS, ImageGeometry.PIXELS);
        }
        return Sha256.hex(digest);
    }

    /**
     * @param splits the splits of one dataset, each with its content hash
     * @return SHA-256 over each split's name and content hash, in the given order
     */
    public static String datasetHash(List<String> splits, List<String> hashes) {
        MessageDigest digest = Sha256.digest();
        for (int i = 0; i < splits.size(); i++) {
            digest.update((splits.get(i) + "=" + hashes.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(digest);
    }

    /** Collects accepted images and rejected rows of one split in source order. */
    public static final class Builder {
        private final String split;
        private int[] indexes = new int[1024];
        private byte[] labels = new byte[1024];
        private byte[] pixels = new byte[1024 * ImageGeometry.PIXELS];
        private int count;
        private final List<RowRejection> rejections = new java.util.ArrayList<>();
        private final List<SourceFile> files = new java.util.ArrayList<>();

        /** @param split split name */
        public Builder(String split) {
            this.split = split;
        }

        /** Adds an accepted image at source position {@code index}. */
        public Builder accept(int index, int label, byte[] imagePixels) {
            if (count == labels.length) {
                int capacity = count * 2;
                indexes = Arrays.copyOf(indexes, capacity);
                labels = Arrays.copyOf(labels, capacity);
                pixels = Arrays.copyOf(pixels, capacity * ImageGeometry.PIXELS);
            }
            indexes[count] = index;
            labels[count] = (byte) label;
            System.arraycopy(imagePixels, 0, pixels, count * ImageGeometry.PIXELS, ImageGeometry.PIXELS);
            count++;
            return this;
        }

        /** Records a refused row. */
        public Builder reject(RowRejection rejection) {
            rejections.add(rejection);
            return this;
        }

        /** Records a file the split was read from. */
        public Builder file(SourceFile file) {
            files.add(file);
            return this;
        }

        /** @return images accepted so far */
        public int count() {
            return count;
        }

        /** @return the split */
        public SplitData build() {
            return new SplitData(
                    split,
                    Arrays.copyOf(indexes, count),
                    Arrays.copyOf(labels, count),
                    Arrays.copyOf(pixels, count * ImageGeometry.PIXELS),
                    rejections,
                    files);
        }
    }
}
