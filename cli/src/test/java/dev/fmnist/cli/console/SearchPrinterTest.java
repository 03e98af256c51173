package dev.fmnist.cli.console;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.api.training.SearchView;
import dev.fmnist.contracts.api.training.SearchView.Fold;
import dev.fmnist.contracts.api.training.SearchView.Trial;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user reads about a search: a line per finished trial, and the table. */
class SearchPrinterTest {

    private static Map<String, Object> config(double learningRate, List<Integer> hiddenLayers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learningRate", learningRate);
        config.put("hiddenLayers", hiddenLayers);
        return config;
    }

    private static Trial trial(
            int number, Map<String, Object> config, JobStatus status, Double mean, Double sd, Fold... folds) {
        return new Trial(number, config, null, List.of(folds), mean, sd, status);
    }

    private static Fold fold(int fold, Double score, String instance) {
        return new Fold(
                fold,
                "s1.t0" + fold + ".f" + fold,
                score == null ? JobStatus.QUEUED : JobStatus.COMPLETED,
                score,
                instance);
    }

    private static SearchView search() {
        return new SearchView(
                "s1",
                JobStatus.RUNNING,
                "fashion-mnist",
                3,
                "accuracy",
                2,
                1,
                null,
                null,
                List.of(
                        trial(
                                1,
                                config(0.001, List.of(128)),
                                JobStatus.RUNNING,
                                null,
                                null,
                                fold(0, 0.8012, "training-a"),
                                fold(1, null, null),
                                fold(2, null, null)),
                        trial(
                                2,
                                config(0.003, List.of(128)),
                                JobStatus.COMPLETED,
                                0.8412,
                                0.01,
                                fold(0, 0.83, "training-a"),
                                fold(1, 0.85, "training-b"),
                                fold(2, 0.8436, "training-a"))),
                new SearchView.Best(2, 0.8412, 0.01),
                null,
                null,
                null);
    }

    @Test
    void aFinishedTrialIsOneLineWithItsConfigurationScoresAndInstances() {
        assertThat(SearchPrinter.trialLine(search().trials().get(1), 4))
                .isEqualTo("trial 2/4  lr=0.003 hiddenLayers=[128]  0.8412 ± 0.0100  folds 0.8300 0.8500 0.8436"
                        + "  (training-a, training-b)");
    }

    @Test
    void aTrialWithoutAMeanShowsItsStatusAndTheFoldsStillMissing() {
        Trial failed = trial(
                3,
                Map.of("dropout", 0.5),
                JobStatus.FAILED,
                null,
                null,
                fold(0, 0.7, "training-b"),
                fold(1, null, null));

        assertThat(SearchPrinter.trialLine(failed, 4))
                .isEqualTo("trial 3/4  dropout=0.5  FAILED  folds 0.7000 -  (training-b)");
        assertThat(SearchPrinter.config(Map.of("learningRate", 1.0E-4))).isEqualTo("lr=0.0001");
        assertThat(SearchPrinter.config(Map.of("architecture", "mlp"))).isEqualTo("architecture=mlp");
    }

    @Test
    void theTableHasARowPerTrialWithTheBestMarked() {
        StringWriter text = new StringWriter();
        SearchPrinter.print(new PrintWriter(text), search());

        assertThat(text.toString().lines())
                .containsExactly(
                        "Search s1: RUNNING on fashion-mnist, accuracy over 3 folds, 1/2 trials done",
                        "",
                        "  trial  configuration                accuracy mean  sd      fold scores           "
                                + "instances               status",
                        "  1      lr=0.001 hiddenLayers=[128]  -              -       0.8012 - -            "
                                + "training-a              RUNNING",
                        "  2 *    lr=0.003 hiddenLayers=[128]  0.8412         0.0100  0.8300 0.8500 0.8436  "
                                + "training-a, training-b  COMPLETED",
                        "",
                        "Best: trial 2  lr=0.003 hiddenLayers=[128]  0.8412 ± 0.0100");
    }
}
