package dev.fmnist.cli.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.api.training.SearchView;
import dev.fmnist.contracts.api.training.SearchView.Fold;
import dev.fmnist.contracts.api.training.SearchView.Trial;
import dev.fmnist.contracts.json.JsonCodec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a hyper-parameter search: one line per finished trial while it runs, and its whole table.
 *
 * <pre>
 * trial 2/4  lr=0.003 hiddenLayers=[128]  0.8412 ± 0.0100  folds 0.8300 0.8500 0.8436  (training-a, training-b)
 * </pre>
 */
public final class SearchPrinter {

    private SearchPrinter() {}

    /** @return the line of a trial: its configuration, mean ± sd, fold scores and the instances that ran them */
    public static String trialLine(Trial trial, int trialsTotal) {
        String config = config(trial);
        return "trial " + trial.trial() + "/" + trialsTotal + "  " + (config.isEmpty() ? "(base job)" : config) + "  "
                + score(trial) + "  folds " + foldScores(trial.folds())
                + (instances(trial).isEmpty() ? "" : "  (" + String.join(", ", instances(trial)) + ")");
    }

    /** @return the training-service instances that ran a trial's folds, in fold order, each once */
    public static List<String> instances(Trial trial) {
        return folds(trial).stream()
                .map(Fold::instance)
                .filter(instance -> instance != null && !instance.isBlank())
                .distinct()
                .toList();
    }

    /** @return whether a search, trial or fold with this status has ended */
    public static boolean ended(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }

    /** @return the search's trials, none when it lists none */
    public static List<Trial> trials(SearchView search) {
        return search.trials() == null ? List.of() : search.trials();
    }

    private static List<Fold> folds(Trial trial) {
        return trial.folds() == null ? List.of() : trial.folds();
    }

    private static String config(Trial trial) {
        return trial.config() == null ? "" : config(trial.config());
    }

    /** @return {@code lr=0.003 hiddenLayers=[128]}: the grid's values, {@code learningRate} shortened to lr */
    public static String config(Map<String, Object> config) {
        return config.entrySet().stream()
                .map(e -> (e.getKey().equals("learningRate") ? "lr" : e.getKey()) + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** @return {@code 0.8412 ± 0.0100}; the status while the trial has no mean (FAILED, RUNNING, ...) */
    public static String score(Trial trial) {
        if (trial.mean() == null) {
            return String.valueOf(trial.status());
        }
        return Format.ratio(trial.mean()) + (trial.sd() == null ? "" : " ± " + Format.ratio(trial.sd()));
    }

    /** @return the search's table: one row per trial, the best one marked with {@code *} */
    public static Table table(SearchView search) {
        Integer best = search.best() == null ? null : search.best().trial();
        Table table = new Table(
                "trial",
                "configuration",
                (search.metric() == null ? "score" : search.metric()) + " mean",
                "sd",
                "fold scores",
                "instances",
                "status");
        for (Trial trial : trials(search)) {
            table.row(
                    trial.trial() + (best != null && best == trial.trial() ? " *" : ""),
                    config(trial),
                    trial.mean() == null ? "-" : Format.ratio(trial.mean()),
                    trial.sd() == null ? "-" : Format.ratio(trial.sd()),
                    foldScores(folds(trial)),
                    instances(trial).isEmpty() ? "-" : String.join(", ", instances(trial)),
                    trial.status());
        }
        return table;
    }

    /** Prints the search once: what it is, the table, the best configuration and the final job. */
    public static void print(PrintWriter out, SearchView search) {
        out.println(headline(search));
        if (!trials(search).isEmpty()) {
            out.println();
            table(search).print(out, 2);
            out.println();
        }
        bestLine(search).ifPresent(out::println);
        if (search.finalJobId() != null) {
            out.println("Final job " + search.finalJobId()
                    + (search.modelId() == null ? "" : ": model " + search.modelId()));
        }
        if (search.message() != null && !search.message().isBlank()) {
            out.println(search.message());
        }
        out.flush();
    }

    /** @return {@code Search s1: RUNNING on fashion-mnist, accuracy over 3 folds, 1/4 trials done} */
    public static String headline(SearchView search) {
        return "Search " + search.searchId() + ": " + search.status()
                + (search.dataset() == null ? "" : " on " + search.dataset()) + ", "
                + (search.metric() == null ? "score" : search.metric()) + " over "
                + search.folds() + " folds, " + search.trialsDone() + "/" + search.trialsTotal() + " trials done";
    }

    /** @return {@code Best: trial 3  lr=0.003 hiddenLayers=[256,128]  0.8512 ± 0.0040}, when a trial ended */
    public static Optional<String> bestLine(SearchView search) {
        if (search.best() == null) {
            return Optional.empty();
        }
        Trial trial = trials(search).stream()
                .filter(t -> t.trial() == search.best().trial())
                .findFirst()
                .orElse(null);
        String config = trial == null ? "" : config(trial);
        return Optional.of("Best: trial " + search.best().trial() + (config.isEmpty() ? "" : "  " + config)
                + "  "
                + (search.best().mean() == null
                        ? "-"
                        : Format.ratio(search.best().mean()))
                + (search.best().sd() == null
                        ? ""
                        : " ± " + Format.ratio(search.best().sd())));
    }

    /** @return {@code 0.8300 0.8500 -}: each fold's score, {@code -} for a fold without one */
    static String foldScores(List<Fold> folds) {
        if (folds.isEmpty()) {
            return "-";
        }
        return folds.stream()
                .map(f -> f.score() == null ? "-" : Format.ratio(f.score()))
                .collect(Collectors.joining(" "));
    }

    /** @return {@code 0.003}, {@code [256,128]}, {@code relu}: numbers plain, lists as compact JSON, text as is */
    static String value(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue())
                    .stripTrailingZeros()
                    .toPlainString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value == null) {
            return String.valueOf(value);
        }
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
