package dev.fmnist.ingest.source;

import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxFormatException;
import dev.fmnist.contracts.idx.IdxSplit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * Every file is opened only after {@link DataRoots} allowed it, so a file that is a link out of the allowed
 * folders is refused ({@link PathNotAllowedException}).
 */
public final class IdxReader {

    /** The official split name → file prefix pairs, in publishing order. */
    private static final List<String[]> SPLITS =
            List.of(new String[] {"train", "train"}, new String[] {"test", "t10k"});

    private final ChecksumPolicy checksums;
    private final DataRoots roots;

    /**
     * A reader of folders the service's own configuration names (any path is read).
     *
     * @param checksums which sums files must have
     */
    public IdxReader(ChecksumPolicy checksums) {
        this(checksums, DataRoots.unrestricted());
    }

    /**
     * @param checksums which sums files must have
     * @param roots     the folders files may be read from
     */
    public IdxReader(ChecksumPolicy checksums, DataRoots roots) {
        this.checksums = checksums;
        this.roots = roots;
    }

    /**
     * @param folder a folder holding the files of at least one split
     * @return the splits found (train, then test)
     * @throws SourceNotFoundException when the folder is missing or holds no complete split
     * @throws SourceException         when a file is refused
     */
    public SourceData read(Path folder) {
        roots.require(folder);
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
            roots.require(images);
            roots.require(labels);
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
        return Files.isDirectory(folder)
                && SPLITS.stream()
                        .anyMatch(s -> find(folder, s[1] + "-images-idx3-ubyte") != null
                                || find(folder, s[1] + "-labels-idx1-ubyte") != null);
    }

    /**
     * Reads and checks one split's pair of files (the format checks are the contract's {@link IdxCodec}).
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
        IdxSplit decoded;
        try {
            decoded = IdxCodec.decode(imagesName, images, labelsName, labels);
        } catch (IdxFormatException e) {
            throw new SourceException(e.getMessage(), e);
        }
        int[] indexes = new int[decoded.count()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        SourceFile imagesFile = checksums.check(imagesName, Sha256.hex(images));
        SourceFile labelsFile = checksums.check(labelsName, Sha256.hex(labels));
        return new SplitData(
                split, indexes, decoded.labels(), decoded.pixels(), List.of(), List.of(imagesFile, labelsFile));
    }

    /** @return the decompressed content of a gzipped or raw file */
    static byte[] content(Path file) {
        try {
            return IdxCodec.content(file);
        } catch (IdxFormatException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    private static Path find(Path folder, String name) {
        return IdxCodec.find(folder, name).orElse(null);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
