package dev.fmnist.cli.console;

import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints an Evaluation: the headline figures, the per-class table and the confusion matrix. */
public final class EvaluationPrinter {

    private EvaluationPrinter() {}

    public static void print(PrintWriter out, Evaluation evaluation) {
        out.println("Evaluation of model " + evaluation.modelId() + " (version " + evaluation.modelVersion() + "): "
                + Format.count(evaluation.count()) + " labelled images"
                + (evaluation.timestamp() == null ? "" : ", as of " + evaluation.timestamp()));
        out.println();
        out.println("  accuracy     " + Format.percent(evaluation.accuracy()));
        out.println("  macro-F1     " + Format.ratio(evaluation.macroF1()));
        if (evaluation.weightedF1() != null) {
            out.println("  weighted F1  " + Format.ratio(evaluation.weightedF1()));
        }
        if (evaluation.recent() != null && evaluation.recent().count() > 0) {
            out.println("  recent       accuracy "
                    + Format.percent(evaluation.recent().accuracy()) + ", macro-F1 "
                    + Format.ratio(evaluation.recent().macroF1()) + " over the last "
                    + Format.count(evaluation.recent().count()) + " images");
        }
        out.println();
        classTable(evaluation).print(out, 2);
        out.println();
        out.println("  Confusion matrix (rows: true class, columns: predicted class)");
        for (String line : confusionMatrix(evaluation.confusionMatrix(), classNames(evaluation))) {
            out.println("  " + line);
        }
        out.flush();
    }

    /** @return per class: precision, recall, F1, support */
    public static Table classTable(Evaluation evaluation) {
        Table table = new Table("class", "precision", "recall", "F1", "support");
        if (evaluation.perClass() != null) {
            for (ClassMetrics c : evaluation.perClass()) {
                table.row(
                        c.label() + " " + c.className(),
                        Format.ratio(c.precision()),
                        Format.ratio(c.recall()),
                        Format.ratio(c.f1()),
                        Format.count(c.support()));
            }
        }
        return table;
    }

    /**
     * The matrix as right-aligned text: a header of predicted labels, one row per true class named by its label and
     * name, cells as wide as the largest count.
     *
     * @param classes class names by label
     * @return the lines
     */
    public static List<String> confusionMatrix(long[][] matrix, List<String> classes) {
        if (matrix == null || matrix.length == 0) {
            return List.of("(empty)");
        }
        int n = matrix.length;
        long max = 0;
        for (long[] row : matrix) {
            for (long cell : row) {
                max = Math.max(max, cell);
            }
        }
        int cell = Math.max(Long.toString(max).length(), Integer.toString(n - 1).length()) + 1;
        int name = 0;
        for (int i = 0; i < n; i++) {
            name = Math.max(name, rowName(i, classes).length());
        }
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder header = new StringBuilder(" ".repeat(name));
        for (int j = 0; j < n; j++) {
            header.append(String.format(Locale.ROOT, "%" + (cell + 1) + "d", j));
        }
        lines.add(header.toString());
        for (int i = 0; i < n; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + name + "s", rowName(i, classes)));
            for (int j = 0; j < matrix[i].length; j++) {
                row.append(String.format(Locale.ROOT, "%" + (cell + 1) + "d", matrix[i][j]));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    private static String rowName(int label, List<String> classes) {
        return label + " " + (label < classes.size() ? classes.get(label) : "");
    }

    private static List<String> classNames(Evaluation evaluation) {
        return evaluation.classes() == null || evaluation.classes().isEmpty()
                ? FashionLabels.NAMES
                : evaluation.classes();
    }
}
