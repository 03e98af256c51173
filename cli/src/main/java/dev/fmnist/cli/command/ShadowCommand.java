package dev.fmnist.cli.command;

import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code fmnist shadow <id>}: puts a model version in shadow, scored beside the production model. */
@Command(
        name = "shadow",
        mixinStandardHelpOptions = true,
        header = "Put a model version in shadow: a challenger scored beside the production model.",
        description = "POST /models/{id}/shadow of training-service. inference-service then predicts every input with"
                + " it too (on fmnist.predictions.shadow; production's predictions are unchanged) and"
                + " evaluation-service compares it with the production model on the same images (fmnist compare)."
                + " A REGISTERED or ARCHIVED version can go in shadow, at most fmnist.training.registry.max-shadows"
                + " (3) at once. Exit status 1 when the model is unknown, in production, or the limit is reached.")
public final class ShadowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL-ID", description = "The model version (fmnist models lists them).")
    String modelId;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            defaultValue = "put in shadow with fmnist shadow",
            description = "Why, kept in the model's history (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelVersion model = services.urls().trainingClient().shadow(modelId, reason);
        out.println("Model " + model.modelId() + " (" + model.architecture() + ", version " + model.version() + ") is "
                + model.status() + ": scored beside the production model (see fmnist compare).");
        out.flush();
        return 0;
    }
}
