package dev.fmnist.cli.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with left-aligned columns, for terminal output. */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header column titles */
    public Table(String... header) {
        this.header = List.of(header);
    }

    /**
     * @param cells one value per column
     * @return this table
     */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    /** @return whether the table has no rows */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table indented by {@code indent} spaces. */
    public void print(PrintWriter out, int indent) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        String pad = " ".repeat(indent);
        out.println(pad + line(header, widths));
        for (List<String> row : rows) {
            out.println(pad + line(row, widths));
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }
}
