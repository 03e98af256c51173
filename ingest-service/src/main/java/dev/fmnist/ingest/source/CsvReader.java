package dev.fmnist.ingest.source;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the common CSV layout: a header {@code label,pixel1,...,pixel784}, then one image a line (label 0..9, then
 * 784 grey levels 0..255). A path is one CSV file (one split), or a folder whose {@code *.csv} files are one split
 * each. The split is told by the file name ({@code test}/{@code t10k} → test, {@code train} → train), else it is
 * the requested split.
 * <p>
 * File-level problems refuse the file: a header that is not {@code label} + 784 columns, an unreadable file, no
 * valid row, a checksum the {@link ChecksumPolicy} refuses. Row-level problems (a wrong number of pixel values, a
 * label or a pixel out of range or not an integer) refuse only that row, as a {@link RowRejection}; blank lines are
 * skipped. Row {@code n} (0-based, blank lines not counted) gets id number {@code n}, rejected or not.
 * <p>
 * Files are opened only after {@link DataRoots} allowed them: a listed file that links out of the allowed folders
 * refuses the source ({@link PathNotAllowedException}).
 */
public final class CsvReader {

    private static final int COLUMNS = ImageGeometry.PIXELS + 1;

    private final ChecksumPolicy checksums;
    private final DataRoots roots;

    /**
     * A reader of paths that need no check (any path is read).
     *
     * @param checksums which sums files must have
     */
    public CsvReader(ChecksumPolicy checksums) {
        this(checksums, DataRoots.unrestricted());
    }

    /**
     * @param checksums which sums files must have
     * @param roots     the folders files may be read from (a listed file that links elsewhere is refused)
     */
    public CsvReader(ChecksumPolicy checksums, DataRoots roots) {
        this.checksums = checksums;
        this.roots = roots;
    }

    /**
     * @param path         a CSV file, or a folder of CSV files
     * @param defaultSplit split of a file whose name tells none
     * @return the splits read
     */
    public SourceData read(Path path, String defaultSplit) {
        roots.require(path);
        Map<String, SplitData> splits = new LinkedHashMap<>();
        if (Files.isRegularFile(path)) {
            String split = SplitNames.fromFileName(path.getFileName().toString(), defaultSplit);
            splits.put(split, readFile(split, path));
        } else if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(
                                f -> f.getFileName().toString().toLowerCase().endsWith(".csv"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new SourceException("cannot list " + path + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new SourceNotFoundException("no .csv files in " + path);
            }
            for (Path file : files) {
                String split = SplitNames.fromFileName(file.getFileName().toString(), defaultSplit);
                if (splits.containsKey(split)) {
                    throw new SourceException("two CSV files in " + path + " hold split '" + split
                            + "'; name them so that each split appears once (…train.csv, …test.csv)");
                }
                roots.require(file);
                splits.put(split, readFile(split, file));
            }
        } else {
            throw new SourceNotFoundException("no such file or folder: " + path);
        }
        return new SourceData(SourceKind.CSV, path.toAbsolutePath().toString(), new ArrayList<>(splits.values()));
    }

    /**
     * Reads one CSV file as one split.
     *
     * @param split split name
     * @param file  the CSV file
     * @return the split, with its rejected rows
     */
    public SplitData readFile(String split, Path file) {
        String name = file.getFileName().toString();
        MessageDigest digest = Sha256.digest();
        SplitData.Builder builder = new SplitData.Builder(split);
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16)) {
            checkHeader(name, reader.readLine());
            byte[] pixels = new byte[ImageGeometry.PIXELS];
            int[] label = new int[1];
            int row = 0;
            int lineNumber = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = parseRow(line, label, pixels);
                if (problem == null) {
                    builder.accept(row, label[0], pixels);
                } else {
                    builder.reject(new RowRejection(
                            row, problem.replace("{row}", "row " + row + " (line " + lineNumber + ")"), line));
                }
                row++;
            }
            // drain so that the digest covers the whole file
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new SourceException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (builder.count() == 0) {
            throw new SourceException(name + ": no valid image row");
        }
        builder.file(checksums.check(name, Sha256.hex(digest)));
        return builder.build();
    }

    private static void checkHeader(String name, String header) {
        if (header == null) {
            throw new SourceException(name + ": empty file, a header 'label,pixel1,...,pixel784' is required");
        }
        String clean = header.startsWith("\uFEFF") ? header.substring(1) : header;
        String[] columns = clean.split(",", -1);
        if (columns.length != COLUMNS) {
            throw new SourceException(name + ": the header has " + columns.length + " columns (" + (columns.length - 1)
                    + " pixel columns); 'label' and 784 pixel columns (pixel1..pixel784) are required");
        }
        String first = unquote(columns[0]);
        if (!first.equalsIgnoreCase("label")) {
            throw new SourceException(name + ": the first header column is '" + first
                    + "'; a header 'label,pixel1,...,pixel784' is required");
        }
    }

    /**
     * Parses one data line.
     *
     * @return null when accepted (label and pixels filled in), else the reason with a {@code {row}} placeholder
     */
    static String parseRow(String line, int[] label, byte[] pixels) {
        int fields = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                fields++;
            }
        }
        if (fields != COLUMNS) {
            return "invalid-pixels: {row} has " + (fields - 1) + " pixel values; a label and 784 are required";
        }
        int start = 0;
        for (int column = 0; column < COLUMNS; column++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            int value = parseInt(line, start, end);
            if (column == 0) {
                if (value < 0 || !FashionLabels.isValid(value)) {
                    return "invalid-label: {row}: label '"
                            + line.substring(start, end).trim() + "' must be an integer 0..9";
                }
                label[0] = value;
            } else {
                if (value < 0 || value > 255) {
                    return "invalid-pixels: {row}: pixel" + column + " is '"
                            + line.substring(start, end).trim() + "', grey levels must be integers 0..255";
                }
                pixels[column - 1] = (byte) value;
            }
            start = end + 1;
        }
        return null;
    }

    /** @return the non-negative integer in {@code text[start, end)} (spaces and quotes allowed around), else -1 */
    private static int parseInt(String text, int start, int end) {
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '"')) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == '"')) {
            end--;
        }
        if (start == end || end - start > 6) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String unquote(String column) {
        String trimmed = column.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }
}
