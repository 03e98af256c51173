package dev.fmnist.ingest.source;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.image.GreyImageDecoder;
import dev.fmnist.contracts.image.ImageDecodingException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Reads a folder of PNG/JPEG images with one subfolder per class, named by the label ({@code 0}..{@code 9}) or the
 * class name (case and punctuation ignored: {@code T-shirt_top}, {@code ankle-boot}, {@code Sneaker}). The folder
 * is either one split (its subfolders are classes) or holds one subfolder per split, each with class subfolders.
 * <p>
 * Images become 28×28 grey levels through the contract's {@link GreyImageDecoder} (the transform inference
 * applies to {@code png} inputs). They are numbered by label, then file name; an image that does not decode is a
 * {@link RowRejection} ({@code invalid-png}) and keeps its number. Files that are not {@code .png}, {@code .jpg}
 * or {@code .jpeg} are ignored. Image folders carry no checksums, so they cannot be ingested under the official
 * name while verification is on.
 * <p>
 * Work per image is bounded: a file larger than the size limit is a {@code invalid-png} rejection and is not read;
 * the decoder reads the header and refuses more than {@value GreyImageDecoder#MAX_SIDE} pixels per side before it
 * decodes a pixel (also an {@code invalid-png} rejection). Every folder is listed and every file opened only after
 * {@link DataRoots} allowed it, so a link out of the allowed folders refuses the source
 * ({@link PathNotAllowedException}).
 */
public final class ImageFolderReader {

    /** Default size limit of one image file, in bytes (8 MiB). */
    public static final long DEFAULT_MAX_FILE_BYTES = 8L * 1024 * 1024;

    private final ChecksumPolicy checksums;
    private final DataRoots roots;
    private final long maxFileBytes;

    /**
     * A reader of folders that need no check (any path is read), with the default size limit.
     *
     * @param checksums which sums files must have
     */
    public ImageFolderReader(ChecksumPolicy checksums) {
        this(checksums, DataRoots.unrestricted(), DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * @param checksums    which sums files must have
     * @param roots        the folders files may be read from
     * @param maxFileBytes largest image file read; a larger one is a row rejection
     */
    public ImageFolderReader(ChecksumPolicy checksums, DataRoots roots, long maxFileBytes) {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("the image size limit must be positive, was " + maxFileBytes);
        }
        this.checksums = checksums;
        this.roots = roots;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * @param folder       the image folder
     * @param defaultSplit split name when the folder holds class subfolders directly
     * @return the splits read
     */
    public SourceData read(Path folder, String defaultSplit) {
        roots.require(folder);
        if (!Files.isDirectory(folder)) {
            throw new SourceNotFoundException("no such folder: " + folder);
        }
        if (checksums.verify() && checksums.officialName()) {
            throw new SourceException("unverified source: image folders carry no SHA-256 sums and the official name"
                    + " only holds verified files; ingest it under another name or turn verification off");
        }
        List<Path> children = subfolders(folder);
        if (children.isEmpty()) {
            throw new SourceNotFoundException(
                    "no class subfolders in " + folder + " (one subfolder per class, named 0..9 or by class name)");
        }
        List<SplitData> splits = new ArrayList<>();
        if (children.stream().allMatch(c -> label(c).isPresent())) {
            splits.add(readSplit(defaultSplit, folder, children));
        } else {
            for (Path splitFolder : children) {
                String split = splitFolder.getFileName().toString();
                if (!SplitNames.isValid(split)) {
                    throw new SourceException("folder '" + split + "' in " + folder
                            + " is neither a class (0..9 or a class name) nor a valid split name");
                }
                List<Path> classes = subfolders(splitFolder);
                for (Path c : classes) {
                    if (label(c).isEmpty()) {
                        throw new SourceException("folder '" + split + "/" + c.getFileName()
                                + "' is not a class; name class folders 0..9 or by class name");
                    }
                }
                if (classes.isEmpty()) {
                    throw new SourceException("split folder '" + split + "' has no class subfolders");
                }
                splits.add(readSplit(split, splitFolder, classes));
            }
        }
        return new SourceData(SourceKind.PNG, folder.toAbsolutePath().toString(), splits);
    }

    private SplitData readSplit(String split, Path root, List<Path> classFolders) {
        SplitData.Builder builder = new SplitData.Builder(split);
        List<Path> ordered = classFolders.stream()
                .sorted((a, b) -> Integer.compare(label(a).getAsInt(), label(b).getAsInt()))
                .toList();
        int index = 0;
        for (Path classFolder : ordered) {
            int label = label(classFolder).getAsInt();
            for (Path image : images(classFolder)) {
                String relative = root.relativize(image).toString();
                try {
                    byte[] encoded = readBounded(image);
                    if (encoded == null) {
                        builder.reject(new RowRejection(
                                index,
                                "invalid-png: " + relative + ": the file is larger"
                                        + " than " + String.format("%,d", maxFileBytes)
                                        + " bytes, the limit of one image"
                                        + " (fmnist.ingest.png.max-file-size); it is not read",
                                relative));
                    } else {
                        builder.accept(index, label, GreyImageDecoder.decode(encoded));
                    }
                } catch (ImageDecodingException e) {
                    builder.reject(
                            new RowRejection(index, "invalid-png: " + relative + ": " + e.getMessage(), relative));
                } catch (IOException e) {
                    throw new SourceException(relative + ": cannot read: " + e.getMessage(), e);
                }
                index++;
            }
        }
        if (builder.count() == 0) {
            throw new SourceException("split '" + split + "' in " + root + " has no image that decodes");
        }
        return builder.build();
    }

    /** @return the file's bytes, or null when it holds more than the limit (then at most limit + 1 bytes are read) */
    private byte[] readBounded(Path image) throws IOException {
        roots.require(image);
        if (Files.size(image) > maxFileBytes) {
            return null;
        }
        try (InputStream in = Files.newInputStream(image)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxFileBytes + 1, Integer.MAX_VALUE - 16));
            return bytes.length > maxFileBytes ? null : bytes;
        }
    }

    /** @return the label a class folder stands for */
    static OptionalInt label(Path folder) {
        String name = folder.getFileName().toString();
        if (name.matches("[0-9]")) {
            return OptionalInt.of(Integer.parseInt(name));
        }
        String key = normalise(name);
        for (int label = 0; label < FashionLabels.COUNT; label++) {
            if (normalise(FashionLabels.name(label)).equals(key)) {
                return OptionalInt.of(label);
            }
        }
        return OptionalInt.empty();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** @return the visible subfolders of {@code folder}, each allowed by the roots before anyone lists it */
    private List<Path> subfolders(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> folders = list.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
            folders.forEach(roots::require);
            return folders;
        } catch (IOException e) {
            throw new SourceException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> images(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SourceException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
