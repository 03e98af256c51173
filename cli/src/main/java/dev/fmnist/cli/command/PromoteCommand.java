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

/** {@code fmnist promote <id>}: puts a model version into production by hand. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        header = "Put a model version into production (the current one is archived).",
        description = "POST /models/{id}/promote of training-service. inference-service switches to it within "
                + "seconds, without dropping an image. Exit status 1 when the model is unknown.")
public final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL-ID", description = "The model version (fmnist models lists them).")
    String modelId;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            defaultValue = "promoted with fmnist promote",
            description = "Why, kept in the model's history (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelVersion model = services.urls().trainingClient().promote(modelId, reason);
        out.println("Model " + model.modelId() + " (" + model.architecture() + ", version " + model.version() + ") is "
                + model.status() + ".");
        out.flush();
        return 0;
    }
}
