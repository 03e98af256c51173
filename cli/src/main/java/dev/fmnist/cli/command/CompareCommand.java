package dev.fmnist.cli.command;

import dev.fmnist.cli.client.ShadowComparison;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.Table;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fmnist compare}: each shadow model's latest paired comparison with the production model. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        header = "Show how each model in shadow compares with the production model.",
        description = "GET /api/comparisons of evaluation-service: per model in shadow (the challenger) its latest"
                + " comparison with the production model (the champion) on the labelled images both predicted:"
                + " paired images, both accuracies, the accuracy delta (challenger minus champion) with its"
                + " confidence interval, McNemar's exact p on the discordant pairs, and the verdict (BETTER, WORSE,"
                + " NO_DIFFERENCE, or INSUFFICIENT while too few images are paired).")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ShadowComparison> comparisons = services.urls().evaluationClient().comparisons().stream()
                .filter(c -> c.comparison() != null)
                .toList();
        if (comparisons.isEmpty()) {
            out.println("No model in shadow with a comparison yet (put one in shadow: fmnist shadow MODEL-ID; its"
                    + " comparison appears once both models predicted labelled images).");
            out.flush();
            return 0;
        }
        table(comparisons).print(out, 0);
        return 0;
    }

    /** @return one row per challenger */
    static Table table(List<ShadowComparison> comparisons) {
        Table table = new Table(
                "challenger",
                "champion",
                "paired",
                "champion acc",
                "challenger acc",
                "delta [interval]",
                "McNemar p",
                "verdict",
                "at");
        for (ShadowComparison shadow : comparisons) {
            Comparison c = shadow.comparison();
            table.row(
                    shadow.modelId() + (shadow.modelVersion() == null ? "" : " (v" + shadow.modelVersion() + ")"),
                    c.championId() + (c.championVersion() == null ? "" : " (v" + c.championVersion() + ")"),
                    Format.count(c.pairedImages()),
                    Format.percent(c.championAccuracy()),
                    Format.percent(c.challengerAccuracy()),
                    String.format(
                            Locale.ROOT,
                            "%s [%s, %s] (%.0f%%)",
                            points(c.accuracyDelta()),
                            points(c.deltaLow()),
                            points(c.deltaHigh()),
                            c.confidence() * 100),
                    pValue(c.mcnemarP()),
                    c.verdict() == null ? "-" : c.verdict(),
                    shadow.timestamp() == null
                            ? "-"
                            : shadow.timestamp().toString().replaceFirst("\\.\\d+Z$", "Z"));
        }
        return table;
    }

    /** @return {@code +1.20 pt} for 0.012 */
    static String points(double delta) {
        return String.format(Locale.ROOT, "%+.2f pt", delta * 100);
    }

    /** @return {@code 0.0123}, or {@code 1.2e-07} below 0.0001 */
    static String pValue(double p) {
        return p >= 1e-4 || p == 0 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.1e", p);
    }
}
