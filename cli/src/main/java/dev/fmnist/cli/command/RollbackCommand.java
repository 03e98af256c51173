package dev.fmnist.cli.command;

import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code fmnist rollback}: back to the model that was in production before. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        header = "Archive the production model and restore the one in production before it.",
        description =
                "POST /models/rollback of training-service. Exit status 1 when there is nothing to roll back " + "to.")
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelVersion model = services.urls().trainingClient().rollback();
        out.println("Rolled back: model " + model.modelId() + " (" + model.architecture() + ", version "
                + model.version() + ") is " + model.status() + " again.");
        out.flush();
        return 0;
    }
}
