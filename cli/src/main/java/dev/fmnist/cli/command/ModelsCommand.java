package dev.fmnist.cli.command;

import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.Table;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fmnist models}: the model registry as a table. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        header = "List the model registry: versions, status, test metrics.",
        description = "Every registered model version (GET /models of training-service), newest first: status "
                + "(PRODUCTION, SHADOW, REGISTERED, ARCHIVED), test accuracy and macro-F1 as measured at registration, "
                + "parameters and training time.")
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only this status: ${COMPLETION-CANDIDATES}.")
    ModelStatus status;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ModelVersion> models = services.urls().trainingClient().models(status);
        if (models.isEmpty()) {
            out.println(
                    status == null
                            ? "No model registered yet (train one: fmnist train --help, or fmnist demo)."
                            : "No model with status " + status + ".");
            out.flush();
            return 0;
        }
        table(models).print(out, 0);
        return 0;
    }

    /** @return the registry table */
    static Table table(List<ModelVersion> models) {
        Table table = new Table(
                "model",
                "version",
                "architecture",
                "status",
                "test acc",
                "macro-F1",
                "params",
                "trained",
                "dataset",
                "created");
        for (ModelVersion m : models) {
            table.row(
                    m.modelId(),
                    m.version(),
                    m.architecture(),
                    m.status() == ModelStatus.PRODUCTION ? "PRODUCTION *" : String.valueOf(m.status()),
                    m.test() == null ? "-" : Format.percent(m.test().accuracy()),
                    m.test() == null ? "-" : Format.ratio(m.test().macroF1()),
                    Format.count(m.parameterCount()),
                    Format.duration(m.trainingSeconds()),
                    m.datasetId() == null ? "-" : m.datasetId(),
                    m.createdAt() == null ? "-" : m.createdAt().toString().replaceFirst("\\.\\d+Z$", "Z"));
        }
        return table;
    }
}
