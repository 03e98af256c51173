package dev.fmnist.cli.command;

import dev.fmnist.contracts.FashionLabels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Which image files {@code fmnist publish} sends, under which id, with which label. */
final class ImageFiles {

    /** Longest id the contract allows. */
    static final int MAX_ID_LENGTH = 128;

    private ImageFiles() {}

    /**
     * One file to publish.
     *
     * @param file  the file
     * @param id    its image id
     * @param label the class its folder names, or null
     */
    record ImageFile(Path file, String id, Integer label) {}

    /**
     * Expands the arguments: a file is itself, a folder is every {@code .png}/{@code .jpg}/{@code .jpeg} below it
     * (sorted). Ids are the path below the folder (the file name for a file argument), with {@code prefix}.
     *
     * @param prefix    id prefix, may be empty
     * @return the files
     * @throws IllegalArgumentException when an argument does not exist
     */
    static List<ImageFile> expand(List<Path> arguments, String prefix) {
        List<ImageFile> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(argument)) {
                    walk.filter(Files::isRegularFile)
                            .filter(ImageFiles::isImage)
                            .sorted()
                            .forEach(file -> files.add(new ImageFile(
                                    file, id(prefix, argument.relativize(file).toString()), labelOf(file))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the folder " + argument, e);
                }
            } else if (Files.isRegularFile(argument)) {
                files.add(new ImageFile(
                        argument, id(prefix, argument.getFileName().toString()), labelOf(argument)));
            } else {
                throw new IllegalArgumentException("no such file or folder: " + argument);
            }
        }
        return files;
    }

    /** @return whether the name ends in .png, .jpg or .jpeg */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /**
     * The label the file's folder names: {@code 0}..{@code 9}, or a class name with case and punctuation ignored
     * ({@code Ankle boot}, {@code ankle-boot}, {@code T-shirt_top}).
     *
     * @return the label, or null when the folder names no class
     */
    static Integer labelOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || parent.getFileName() == null) {
            return null;
        }
        String folder = parent.getFileName().toString();
        if (folder.matches("[0-9]")) {
            return Integer.parseInt(folder);
        }
        String key = normalize(folder);
        for (int label = 0; label < FashionLabels.COUNT; label++) {
            if (normalize(FashionLabels.name(label)).equals(key)) {
                return label;
            }
        }
        return null;
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String id(String prefix, String path) {
        String id = (prefix == null ? "" : prefix) + path.replace('\\', '/');
        return id.length() <= MAX_ID_LENGTH ? id : id.substring(id.length() - MAX_ID_LENGTH);
    }
}
