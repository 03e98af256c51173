package dev.fmnist.ingest.source;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.image.GreyImageDecoder;
import dev.fmnist.contracts.image.ImageDecodingException;

import java.io.IOException;
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
 */
public final class ImageFolderReader {

    private final ChecksumPolicy checksums;

    /** @param checksums which sums files must have */
    public ImageFolderReader(ChecksumPolicy checksums) {
        this.checksums = checksums;
    }

    /**
     * @param folder       the image folder
     * @param defaultSplit split name when the folder holds class subfolders directly
     * @return the splits read
     */
    public SourceData read(Path folder, String defaultSplit) {
        if (!Files.isDirectory(folder)) {
            throw new SourceNotFoundException("no such folder: " + folder);
        }
        if (checksums.verify() && checksums.officialName()) {
            throw new SourceException("unverified source: image folders carry no SHA-256 sums and the official name"
                    + " only holds verified files; ingest it under another name or turn verification off");
        }
        List<Path> children = subfolders(folder);
        if (children.isEmpty()) {
            throw new SourceNotFoundException("no class subfolders in " + folder
                    + " (one subfolder per class, named 0..9 or by class name)");
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
                .sorted((a, b) -> Integer.compare(label(a).getAsInt(), label(b).getAsInt())).toList();
        int index = 0;
        for (Path classFolder : ordered) {
            int label = label(classFolder).getAsInt();
            for (Path image : images(classFolder)) {
                String relative = root.relativize(image).toString();
                try {
                    builder.accept(index, label, GreyImageDecoder.decode(Files.readAllBytes(image)));
                } catch (ImageDecodingException e) {
                    builder.reject(new RowRejection(index, "invalid-png: " + relative + ": " + e.getMessage(),
                            relative));
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

    private static List<Path> subfolders(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new SourceException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> images(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        } catch (IOException e) {
            throw new SourceException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
