package dev.fmnist.cli.command;

import dev.fmnist.cli.client.EvaluationClient;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.console.EvaluationPrinter;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code fmnist eval [model]}: the latest evaluation of a model. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        header = "Show the latest evaluation of a model (default: the production model).",
        description = "GET /api/evaluations/{model} of evaluation-service: images counted, accuracy, macro-F1, "
                + "per-class precision/recall/F1 and the confusion matrix, cumulative over every labelled "
                + "prediction of the model. Without a model: the production model, else the most recently "
                + "evaluated one. Exit status 1 when the model has no evaluation yet.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL-ID", arity = "0..1", description = "The model (default: the production model).")
    String modelId;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceUrls urls = services.urls();
        EvaluationClient evaluations = urls.evaluationClient();
        Optional<Evaluation> evaluation;
        String which = modelId;
        if (which == null) {
            which = urls.trainingClient()
                    .production()
                    .map(ModelVersion::modelId)
                    .orElse(null);
        }
        evaluation = which == null ? evaluations.newest() : evaluations.latest(which);
        if (evaluation.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            which == null
                                    ? "No model has been evaluated yet."
                                    : "Model " + which
                                            + " has no evaluation yet: no labelled prediction of it was counted "
                                            + "(replay a split: fmnist publish --dataset fashion-mnist --split test).");
            return 1;
        }
        EvaluationPrinter.print(out, evaluation.get());
        out.println();
        out.println("Dashboard: " + evaluations.baseUrl() + "/");
        out.flush();
        return 0;
    }
}
