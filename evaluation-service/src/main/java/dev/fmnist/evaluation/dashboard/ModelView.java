package dev.fmnist.evaluation.dashboard;

import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.RecentMetrics;
import dev.fmnist.evaluation.service.RegisteredModel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One model's panel on the dashboard, formatted: figures as shown, the confusion matrix as a heatmap whose cell
 * colour is the share of the row (true class), blue on the diagonal and red off it.
 *
 * @param modelId        model id
 * @param modelVersion   version number (the registry's when known, else the evaluated one)
 * @param name           registry name, the model id when not registered
 * @param architecture   architecture, {@code –} when not registered
 * @param status         registry status, {@code UNREGISTERED} when not seen on fmnist.models
 * @param statusCss      CSS class of the status: {@code status-production}, {@code status-archived}, ...
 * @param registeredAccuracy test accuracy it was registered with, as a percentage ({@code –} when unknown)
 * @param count          labelled images counted
 * @param accuracy       cumulative accuracy, as a percentage
 * @param macroF1        cumulative macro-F1
 * @param weightedF1     cumulative weighted F1
 * @param recentCount    predictions in the sliding window
 * @param recentAccuracy accuracy over the sliding window, as a percentage
 * @param recentMacroF1  macro-F1 over the sliding window
 * @param timestamp      when the snapshot was made
 * @param classes        class names
 * @param matrix         heatmap rows
 * @param perClass       per-class table rows
 * @param worst          the largest off-diagonal cells, largest first (at most {@link #WORST})
 */
public record ModelView(
        String modelId,
        int modelVersion,
        String name,
        String architecture,
        String status,
        String statusCss,
        String registeredAccuracy,
        long count,
        String accuracy,
        String macroF1,
        String weightedF1,
        long recentCount,
        String recentAccuracy,
        String recentMacroF1,
        String timestamp,
        List<String> classes,
        List<Row> matrix,
        List<ClassRow> perClass,
        List<Confusion> worst) {

    /** How many confusions the panel lists. */
    static final int WORST = 5;

    /** Hue of correct predictions (diagonal). */
    static final int DIAGONAL_HUE = 212;
    /** Hue of confusions (off the diagonal). */
    static final int CONFUSION_HUE = 4;

    /** Status shown for a model never seen on fmnist.models. */
    static final String UNREGISTERED = "UNREGISTERED";

    /** @return the panel of an evaluation, with what the registry says of its model (null when nothing) */
    public static ModelView of(Evaluation e, RegisteredModel registered) {
        List<Row> rows = new ArrayList<>();
        List<Confusion> confusions = new ArrayList<>();
        long[][] m = e.confusionMatrix();
        for (int t = 0; t < m.length; t++) {
            long rowTotal = 0;
            for (long cell : m[t]) {
                rowTotal += cell;
            }
            List<Cell> cells = new ArrayList<>();
            for (int p = 0; p < m[t].length; p++) {
                Cell cell = Cell.of(e.modelId(), e.classes(), t, p, m[t][p], rowTotal);
                cells.add(cell);
                if (t != p && m[t][p] > 0) {
                    confusions.add(new Confusion(
                            e.classes().get(t), e.classes().get(p), m[t][p], cell.percent(), cell.href()));
                }
            }
            rows.add(new Row(e.classes().get(t), cells));
        }
        List<ClassRow> perClass = new ArrayList<>();
        for (ClassMetrics c : e.perClass()) {
            perClass.add(new ClassRow(
                    c.className(), decimal(c.precision()), decimal(c.recall()), decimal(c.f1()), c.support()));
        }
        RecentMetrics recent = e.recent();
        String status = registered == null ? UNREGISTERED : registered.status().name();
        return new ModelView(
                e.modelId(),
                registered == null ? e.modelVersion() : registered.version(),
                registered == null || registered.name() == null ? e.modelId() : registered.name(),
                registered == null || registered.architecture() == null ? "–" : registered.architecture(),
                status,
                "status-" + status.toLowerCase(Locale.ROOT),
                registered == null || registered.testAccuracy() == null ? "–" : percent(registered.testAccuracy()),
                e.count(),
                percent(e.accuracy()),
                decimal(e.macroF1()),
                e.weightedF1() == null ? "–" : decimal(e.weightedF1()),
                recent == null ? 0 : recent.count(),
                recent == null ? "–" : percent(recent.accuracy()),
                recent == null ? "–" : decimal(recent.macroF1()),
                String.valueOf(e.timestamp()),
                e.classes(),
                rows,
                perClass,
                confusions.stream()
                        .sorted(Comparator.comparingLong(Confusion::count).reversed())
                        .limit(WORST)
                        .toList());
    }

    /** @return whether this is the production model */
    public boolean production() {
        return ModelStatus.PRODUCTION.name().equals(status);
    }

    static String percent(double x) {
        return String.format(Locale.ROOT, "%.2f %%", x * 100);
    }

    static String decimal(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /**
     * One heatmap row.
     *
     * @param className the true class
     * @param cells     one cell per predicted class
     */
    public record Row(String className, List<Cell> cells) {}

    /**
     * One heatmap cell: a link to the images in it ({@code /mistakes?model=&true=&predicted=}).
     *
     * @param count     images
     * @param trueLabel row (true class)
     * @param predicted column (predicted class)
     * @param percent   share of the row, as shown ({@code 25.0 %}; empty when the cell is empty)
     * @param cssClass  {@code diag} or {@code off}, plus {@code strong} when dark enough to need light text
     * @param style     the background colour
     * @param href      the cell's images
     * @param label     what a screen reader says of it
     */
    public record Cell(
            long count,
            int trueLabel,
            int predicted,
            String percent,
            String cssClass,
            String style,
            String href,
            String label) {

        static Cell of(String modelId, List<String> classes, int t, int p, long count, long rowTotal) {
            boolean diagonal = t == p;
            double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
            String alpha = String.format(Locale.ROOT, "%.2f", share);
            String css = (diagonal ? "diag" : "off") + (share > 0.55 ? " strong" : "");
            String percent = count == 0 ? "" : String.format(Locale.ROOT, "%.1f %%", share * 100);
            return new Cell(
                    count,
                    t,
                    p,
                    percent,
                    css,
                    "background-color: hsla(" + (diagonal ? DIAGONAL_HUE : CONFUSION_HUE) + ", 70%, 45%, " + alpha
                            + ")",
                    cellHref(modelId, t, p),
                    classes.get(t) + " predicted as " + classes.get(p) + ": " + count
                            + (count == 0 ? "" : " (" + percent + " of " + classes.get(t) + ")"));
        }
    }

    /** @return the address of a cell's images */
    static String cellHref(String modelId, int t, int p) {
        return "/mistakes?model=" + URLEncoder.encode(modelId, StandardCharsets.UTF_8) + "&true=" + t + "&predicted="
                + p;
    }

    /**
     * One of the worst confusions: an off-diagonal cell.
     *
     * @param trueClass      the true class
     * @param predictedClass what it was taken for
     * @param count          images
     * @param percent        share of the true class's row
     * @param href           the cell's images
     */
    public record Confusion(String trueClass, String predictedClass, long count, String percent, String href) {}

    /**
     * One row of the per-class table.
     *
     * @param className class name
     * @param precision precision
     * @param recall    recall
     * @param f1        F1
     * @param support   labelled images of the class
     */
    public record ClassRow(String className, String precision, String recall, String f1, long support) {}
}
