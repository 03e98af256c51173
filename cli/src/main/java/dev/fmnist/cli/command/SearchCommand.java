package dev.fmnist.cli.command;

import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.SearchPrinter;
import dev.fmnist.cli.demo.Await;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.SearchView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code fmnist search}: submits a hyper-parameter search (a TrainingJob of kind {@code search}) and prints each
 * trial as it finishes; {@code fmnist search show <id>} prints a search's table once.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        header = "Search hyper-parameters: a grid, k-fold cross-validated over the training replicas.",
        description = {
            "Submits a search (POST /jobs with kind \"search\"): every configuration of the grid (or --trials of "
                    + "them, sampled with the seed) is cross-validated with --folds stratified folds of the training "
                    + "split, each (trial, fold) a job on fmnist.training.jobs that any training-service replica "
                    + "takes. Then polls GET /searches/{id} every 2 s and prints one line per trial as it finishes "
                    + "(its configuration, mean ± sd of the metric over the held-out folds, the fold scores and the "
                    + "instances that ran them), the best configuration, and the model its retraining on the full "
                    + "training split registered (the promotion gate decides as for any job).",
            "",
            "--grid name=v1,v2: name is architecture, epochs, batchSize, learningRate or an architecture parameter "
                    + "(hiddenLayers, dropout, ...); values are JSON when they parse, else text; separate them with "
                    + "';' when a value holds commas: --grid 'hiddenLayers=[128];[256,128]'. The other options are "
                    + "the base every configuration starts from.",
            "",
            "Example:  fmnist search --architecture mlp --epochs 2 --folds 3 --grid learningRate=0.001,0.003 "
                    + "--grid 'hiddenLayers=[128];[256,128]'",
            "",
            "Ctrl-C stops watching, not the search: it goes on in training-service (fmnist search show ID; cancel "
                    + "it with DELETE /jobs/ID). Exit status 0 when the search completed, 1 when it failed, was "
                    + "cancelled or refused, 2 usage."
        },
        subcommands = SearchCommand.Show.class)
public final class SearchCommand implements Callable<Integer> {

    /** Pause between two looks at the search. */
    static final Duration POLL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Option(
            names = {"--architecture", "--arch"},
            paramLabel = "NAME",
            description =
                    "Base architecture: softmax, mlp, lenet5, cnn, pca-tree (default: the grid's first architecture).")
    String architecture;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Base passes over the training split (default: the grid's first epochs).")
    Integer epochs;

    @Option(
            names = "--grid",
            paramLabel = "NAME=V1,V2",
            converter = GridAxis.Converter.class,
            description = "A hyper-parameter and the values to try; repeatable, at least one.")
    List<GridAxis> grid;

    @Option(
            names = "--folds",
            defaultValue = "3",
            paramLabel = "K",
            description = "Cross-validation folds, 2..10 (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(
            names = "--trials",
            paramLabel = "N",
            description = "Try N configurations sampled from the grid (default: every one).")
    Integer trials;

    @Option(
            names = "--metric",
            defaultValue = "accuracy",
            paramLabel = "NAME",
            description = "Score of a held-out fold: accuracy or macroF1 (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            paramLabel = "NAME|ID",
            description = "Dataset to search on (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--batch-size", paramLabel = "N", description = "Base images per step (service default: 128).")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Base learning rate (service default: 0.001).")
    Double learningRate;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seeds the folds, the sample and every trial's training (service default: 42).")
    Long seed;

    @Option(
            names = {"--name", "--model-name"},
            paramLabel = "NAME",
            description = "Registry name of the final model (service default: fmnist-classifier).")
    String modelName;

    @Option(
            names = {"--param", "-p"},
            paramLabel = "KEY=VALUE",
            description = "A base architecture or trainer parameter, as for fmnist train. Repeatable.")
    List<String> params;

    @Option(names = "--no-wait", description = "Print the search's id and return.")
    boolean noWait;

    @Option(
            names = "--timeout",
            defaultValue = "PT12H",
            paramLabel = "DURATION",
            description = "Longest wait for the search, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ServiceOptions services;

    /**
     * @param searchId the search's job id
     * @return the TrainingJob of kind {@code search} these options describe, as JSON fields
     * @throws ParameterException when the grid is missing or a base field has no value
     */
    Map<String, Object> job(String searchId) {
        if (grid == null || grid.isEmpty()) {
            throw usage("Missing required option: '--grid=NAME=V1,V2'");
        }
        Map<String, List<Object>> axes;
        try {
            axes = GridAxis.grid(grid);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("jobId", searchId);
        job.put("dataset", dataset);
        job.put("architecture", base(architecture, axes, "architecture", "--architecture=NAME"));
        job.put("epochs", base(epochs, axes, "epochs", "--epochs=N"));
        putPresent(job, "batchSize", batchSize);
        putPresent(job, "learningRate", learningRate);
        putPresent(job, "seed", seed);
        putPresent(job, "modelName", modelName);
        Map<String, Object> base;
        try {
            base = JobParameters.parse(params);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (!base.isEmpty()) {
            job.put("params", base);
        }
        job.put("kind", "search");
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("grid", axes);
        search.put("folds", folds);
        putPresent(search, "trials", trials);
        search.put("metric", metric);
        job.put("search", search);
        return job;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String searchId = "search-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> job = job(searchId);
        TrainingClient training = services.urls().trainingClient();
        String id = training.submitSearch(job);
        if (noWait) {
            out.println(id);
            out.flush();
            spec.commandLine().getErr().println("Submitted; watch it with: ./fmnist search show " + id);
            spec.commandLine().getErr().flush();
            return 0;
        }
        long size = GridAxis.size(GridAxis.grid(grid));
        out.println("Search " + id + ": " + (trials == null ? size : trials + " of " + size) + " configuration"
                + (size == 1 && trials == null ? "" : "s") + " of " + job.get("architecture") + " on " + dataset
                + ", " + metric + " over " + folds + " folds (Ctrl-C stops watching, not the search: ./fmnist search"
                + " show " + id + ")");
        out.flush();
        SearchView ended = watch(training, id, out);
        if (ended.status() != JobStatus.COMPLETED) {
            SearchPrinter.bestLine(ended).ifPresent(out::println);
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println("Search " + id + " ended " + ended.status()
                            + (ended.message() == null ? "" : ": " + ended.message()));
            return 1;
        }
        SearchPrinter.bestLine(ended).ifPresent(out::println);
        out.println("Final job " + ended.finalJobId() + " (the best configuration on the full training split): "
                + finalModel(training, ended));
        out.flush();
        return 0;
    }

    /** Polls the search every {@link #POLL}, printing each trial once as it ends, until the search ends. */
    private SearchView watch(TrainingClient training, String id, PrintWriter out) {
        Set<Integer> printed = new HashSet<>();
        Thread onCtrlC = new Thread(() -> {
            out.println();
            out.println("Stopped watching; search " + id + " goes on (./fmnist search show " + id + ").");
            out.flush();
        });
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return Await.poll(timeout, POLL, () -> {
                        Optional<SearchView> search = training.search(id);
                        if (search.isEmpty()) {
                            // not consumed yet, or its job ended before it became a search (e.g. unknown dataset)
                            training.job(id)
                                    .filter(job -> job.finished() && job.status() != JobStatus.COMPLETED)
                                    .ifPresent(job -> {
                                        throw new IllegalStateException("search " + id + " ended " + job.status()
                                                + (job.message() == null ? "" : ": " + job.message()));
                                    });
                            return Optional.empty();
                        }
                        SearchView view = search.get();
                        for (SearchView.Trial trial : SearchPrinter.trials(view)) {
                            if (SearchPrinter.ended(trial.status()) && printed.add(trial.trial())) {
                                out.println(SearchPrinter.trialLine(trial, view.trialsTotal()));
                            }
                        }
                        out.flush();
                        return search.filter(s -> SearchPrinter.ended(s.status()));
                    })
                    .orElseThrow(() -> new IllegalStateException("search " + id + " did not finish within "
                            + Format.duration(timeout.toSeconds()) + " (it goes on: ./fmnist search show " + id
                            + ")"));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs
            }
        }
    }

    /** @return the final job's model and the gate's decision, as {@code fmnist train} prints them */
    private static String finalModel(TrainingClient training, SearchView search) {
        Optional<JobView> job = search.finalJobId() == null ? Optional.empty() : training.job(search.finalJobId());
        String modelId = search.modelId() != null
                ? search.modelId()
                : job.map(JobView::modelId).orElse(null);
        if (modelId == null) {
            return "completed, no model id reported";
        }
        ModelVersion model = training.model(modelId).map(ModelEntry::model).orElse(null);
        JobView finished = job.orElseGet(() -> new JobView(
                search.finalJobId(),
                null,
                JobStatus.COMPLETED,
                null,
                null,
                null,
                false,
                null,
                modelId,
                null,
                null,
                null,
                null,
                null));
        return "completed, " + ModelReport.of(finished, model);
    }

    /** @return the option's value, else the grid's first value of that field (the job needs one) */
    private Object base(Object given, Map<String, List<Object>> axes, String field, String option) {
        if (given != null) {
            return given;
        }
        List<Object> values = axes.get(field);
        if (values == null) {
            throw usage("Missing required option: '" + option + "' (or a --grid " + field + "=...)");
        }
        return values.get(0);
    }

    private static void putPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code fmnist search show <id>}: a search's table, once. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            header = "Print a search's table: each trial's configuration, mean ± sd, fold scores, instances.",
            description = "GET /searches/{id} of training-service, printed once; the best trial is marked with *. "
                    + "Exit status 1 when training-service knows no such search.")
    public static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SEARCH-ID", description = "The search's id (fmnist search prints it).")
        String searchId;

        @Mixin
        ServiceOptions services;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<SearchView> search = services.urls().trainingClient().search(searchId);
            if (search.isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println("No search " + searchId + " (training-service at "
                                + services.urls().training() + " knows none by that id).");
                spec.commandLine().getErr().flush();
                return 1;
            }
            SearchPrinter.print(out, search.get());
            return 0;
        }
    }
}
