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

/** {@code fmnist unshadow <id>}: takes a model version out of shadow. */
@Command(
        name = "unshadow",
        mixinStandardHelpOptions = true,
        header = "Take a model version out of shadow (it is REGISTERED again).",
        description = "DELETE /models/{id}/shadow of training-service: inference-service stops predicting with it."
                + " Exit status 1 when the model is unknown or not in shadow.")
public final class UnshadowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL-ID", description = "The model version in shadow (fmnist models --status SHADOW).")
    String modelId;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            defaultValue = "taken out of shadow with fmnist unshadow",
            description = "Why, kept in the model's history (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelVersion model = services.urls().trainingClient().unshadow(modelId, reason);
        out.println("Model " + model.modelId() + " (" + model.architecture() + ", version " + model.version() + ") is "
                + model.status() + " again: no longer scored beside the production model.");
        out.flush();
        return 0;
    }
}
