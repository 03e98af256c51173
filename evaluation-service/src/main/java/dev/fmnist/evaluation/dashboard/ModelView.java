package dev.fmnist.evaluation.dashboard;

import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.RecentMetrics;
import dev.fmnist.evaluation.service.RegisteredModel;

import java.util.ArrayList;
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
        List<ClassRow> perClass) {

    /** Hue of correct predictions (diagonal). */
    static final int DIAGONAL_HUE = 212;
    /** Hue of confusions (off the diagonal). */
    static final int CONFUSION_HUE = 4;

    /** Status shown for a model never seen on fmnist.models. */
    static final String UNREGISTERED = "UNREGISTERED";

    /** @return the panel of an evaluation, with what the registry says of its model (null when nothing) */
    public static ModelView of(Evaluation e, RegisteredModel registered) {
        List<Row> rows = new ArrayList<>();
        long[][] m = e.confusionMatrix();
        for (int t = 0; t < m.length; t++) {
            long rowTotal = 0;
            for (long cell : m[t]) {
                rowTotal += cell;
            }
            List<Cell> cells = new ArrayList<>();
            for (int p = 0; p < m[t].length; p++) {
                cells.add(Cell.of(m[t][p], rowTotal, t == p));
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
                perClass);
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
     * One heatmap cell.
     *
     * @param count    images
     * @param cssClass {@code diag} or {@code off}, plus {@code strong} when dark enough to need light text
     * @param style    the background colour
     */
    public record Cell(long count, String cssClass, String style) {

        static Cell of(long count, long rowTotal, boolean diagonal) {
            double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
            String alpha = String.format(Locale.ROOT, "%.2f", share);
            String css = (diagonal ? "diag" : "off") + (share > 0.55 ? " strong" : "");
            return new Cell(
                    count,
                    css,
                    "background-color: hsla(" + (diagonal ? DIAGONAL_HUE : CONFUSION_HUE) + ", 70%, 45%, " + alpha
                            + ")");
        }
    }

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
