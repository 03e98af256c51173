package dev.fmnist.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The folders ingest may read for a request ({@code fmnist.ingest.allowed-roots}). A path is inside a root when
 * its canonical form starts with the root's canonical form, compared by whole path elements; the canonical form is
 * the {@link Path#toRealPath real path} of the deepest part of it that exists (so {@code ..} and symbolic links are
 * resolved the way the file system resolves them), followed by the normalised rest that does not exist yet. So a
 * {@code ../} escape and a symbolic link out of a root are caught, and a path that does not exist is judged by
 * where it would be, never by whether it exists: the refusal is the same for a missing and an existing path.
 * <p>
 * Roots are resolved at each check, so a root that appears later (a volume mounted after start) counts.
 */
public final class DataRoots {

    /** Links followed before a path counts as a loop (Linux's own limit). */
    private static final int MAX_LINKS = 40;

    private static final DataRoots UNRESTRICTED = new DataRoots(List.of(), true);

    private final List<Path> roots;
    private final boolean unrestricted;

    private DataRoots(List<Path> roots, boolean unrestricted) {
        this.roots = roots;
        this.unrestricted = unrestricted;
    }

    /**
     * @param roots the allowed folders (absolute, or relative to the working directory)
     * @return a guard that allows only paths inside one of them
     */
    public static DataRoots of(Collection<Path> roots) {
        return new DataRoots(
                roots.stream()
                        .map(r -> r.toAbsolutePath().normalize())
                        .distinct()
                        .toList(),
                false);
    }

    /**
     * @return a guard that allows every path: for folders the service's own configuration names (the data folder,
     *         the download folder), never for a path from a request
     */
    public static DataRoots unrestricted() {
        return UNRESTRICTED;
    }

    /** @return the allowed folders as configured (absolute, normalised); empty when unrestricted */
    public List<Path> roots() {
        return roots;
    }

    /**
     * Resolves a path a request names.
     *
     * @param requested the path as the request spells it
     * @return its canonical form (the real path when it exists), which is what the readers open
     * @throws PathNotAllowedException when it is not inside an allowed root (whether it exists or not)
     */
    public Path resolve(String requested) {
        Path path;
        try {
            path = Path.of(requested).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw outside();
        }
        if (unrestricted) {
            return path;
        }
        Path canonical = canonical(path);
        if (!inside(canonical)) {
            throw outside();
        }
        return canonical;
    }

    /**
     * Checks a file or folder met while reading a source (a listed entry, a file found by name), which may be a
     * symbolic link.
     *
     * @param path the entry, as found inside a resolved source
     * @return its canonical form, to open
     * @throws PathNotAllowedException when it leads outside every allowed root
     */
    public Path require(Path path) {
        if (unrestricted) {
            return path;
        }
        Path canonical = canonical(path.toAbsolutePath());
        if (!inside(canonical)) {
            throw new PathNotAllowedException("forbidden-path: " + path + " leads outside the folders ingest may"
                    + " read (fmnist.ingest.allowed-roots)");
        }
        return canonical;
    }

    private boolean inside(Path canonical) {
        if (canonical == null) {
            return false;
        }
        for (Path root : roots) {
            Path real = canonical(root);
            if (real != null && canonical.startsWith(real)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the real path of the deepest existing part of {@code absolute}, then the normalised rest; a link whose
     *         target is missing is followed to where it leads; null for a loop of links
     */
    static Path canonical(Path absolute) {
        return canonical(absolute, 0);
    }

    private static Path canonical(Path absolute, int links) {
        if (links > MAX_LINKS) {
            return null;
        }
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null) {
            try {
                return append(existing.toRealPath(), missing).normalize();
            } catch (IOException | SecurityException e) {
                if (Files.isSymbolicLink(existing)) {
                    // a link whose target does not exist: judged by where it leads, like a link whose target does
                    try {
                        Path target = Files.readSymbolicLink(existing);
                        Path parent = existing.getParent();
                        return canonical(
                                append(parent == null ? target : parent.resolve(target), missing)
                                        .toAbsolutePath(),
                                links + 1);
                    } catch (IOException | SecurityException unreadable) {
                        return null;
                    }
                }
                Path name = existing.getFileName();
                if (name == null) {
                    break;
                }
                missing.push(name);
                existing = existing.getParent();
            }
        }
        return absolute.normalize();
    }

    private static Path append(Path base, Deque<Path> names) {
        Path result = base;
        for (Path name : names) {
            result = result.resolve(name);
        }
        return result;
    }

    /** The one answer for every refused request path: it names neither the path nor whether it exists. */
    static final String OUTSIDE = "forbidden-path: the path is not inside a folder ingest may read; read files"
            + " only from the allowed roots, or ask the operator to add the folder to fmnist.ingest.allowed-roots";

    private static PathNotAllowedException outside() {
        return new PathNotAllowedException(OUTSIDE);
    }
}
