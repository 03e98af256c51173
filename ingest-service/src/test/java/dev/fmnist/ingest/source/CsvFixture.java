package dev.fmnist.ingest.source;

import dev.fmnist.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Writes CSV sources from the real fixture images, with bad rows where a test wants them. */
public final class CsvFixture {

    /** The fixture's test split (500 real images), read without checks. */
    public static final SplitData FIXTURE_TEST = new IdxReader(ChecksumPolicy.none())
            .read(Fixtures.fashionMnistMini())
            .split("test")
            .orElseThrow();

    private CsvFixture() {}

    /** @return the header {@code label,pixel1..pixel<pixels>} */
    public static String header(int pixels) {
        StringJoiner header = new StringJoiner(",").add("label");
        for (int i = 1; i <= pixels; i++) {
            header.add("pixel" + i);
        }
        return header.toString();
    }

    /** @return the CSV line of fixture test image {@code i} */
    public static String row(int i) {
        StringJoiner line = new StringJoiner(",").add(Integer.toString(FIXTURE_TEST.label(i)));
        for (byte pixel : FIXTURE_TEST.pixels(i)) {
            line.add(Integer.toString(pixel & 0xFF));
        }
        return line.toString();
    }

    /**
     * Writes {@code good} real images, then rows 3, 7 and 12 replaced by bad ones: 783 pixels (row 3), pixel300 = 300
     * (row 7), label 11 (row 12). Rows are numbered from 0 after the header.
     *
     * @return the file
     */
    public static Path withBadRows(Path file, int good) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header(784));
        for (int i = 0; i < good; i++) {
            lines.add(row(i));
        }
        lines.set(1 + 3, lines.get(1 + 3).substring(0, lines.get(1 + 3).lastIndexOf(',')));
        String[] seven = lines.get(1 + 7).split(",");
        seven[300] = "300";
        lines.set(1 + 7, String.join(",", seven));
        lines.set(1 + 12, "11" + lines.get(1 + 12).substring(lines.get(1 + 12).indexOf(',')));
        Files.write(file, lines);
        return file;
    }
}
