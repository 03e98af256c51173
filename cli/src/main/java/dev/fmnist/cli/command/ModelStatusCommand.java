package dev.fmnist.cli.command;

import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What the registry commands that change one model version's status share ({@code promote}, {@code shadow},
 * {@code unshadow}): the model id, a reason kept in its history, the call with the operator token, and the new status
 * printed. A refusal (unknown model, a status that does not allow the change) ends with exit status 1 and the
 * service's reason.
 */
abstract class ModelStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL-ID", description = "The model version (fmnist models lists them).")
    String modelId;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why, kept in the model's history (default: a note naming this command).")
    String reason;

    @Mixin
    ServiceOptions services;

    /** @return the model as the registry answers after the change */
    abstract ModelVersion change(TrainingClient training, String modelId, String reason);

    /** @return the reason recorded when none is given, e.g. {@code promoted with fmnist promote} */
    abstract String defaultReason();

    /** @return what is printed after the new status, e.g. {@code ": scored beside the production model"} */
    String afterStatus() {
        return "";
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelVersion model = change(
                services.urls().trainingClient(),
                modelId,
                reason == null || reason.isBlank() ? defaultReason() : reason);
        out.println("Model " + model.modelId() + " (" + model.architecture() + ", version " + model.version() + ") is "
                + model.status() + afterStatus() + ".");
        out.flush();
        return 0;
    }
}
