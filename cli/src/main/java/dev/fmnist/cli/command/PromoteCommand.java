package dev.fmnist.cli.command;

import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;

/** {@code fmnist promote <id>}: puts a model version into production by hand. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        header = "Put a model version into production (the current one is archived).",
        description = "POST /models/{id}/promote of training-service. inference-service switches to it within "
                + "seconds, without dropping an image. Exit status 1 when the model is unknown.")
public final class PromoteCommand extends ModelStatusCommand {

    @Override
    ModelVersion change(TrainingClient training, String modelId, String reason) {
        return training.promote(modelId, reason);
    }

    @Override
    String defaultReason() {
        return "promoted with fmnist promote";
    }
}
