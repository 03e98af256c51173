package dev.fmnist.cli.command;

import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;

/** {@code fmnist unshadow <id>}: takes a model version out of shadow. */
@Command(
        name = "unshadow",
        mixinStandardHelpOptions = true,
        header = "Take a model version out of shadow (it is REGISTERED again).",
        description = "DELETE /models/{id}/shadow of training-service: inference-service stops predicting with it."
                + " Exit status 1 when the model is unknown or not in shadow.")
public final class UnshadowCommand extends ModelStatusCommand {

    @Override
    ModelVersion change(TrainingClient training, String modelId, String reason) {
        return training.unshadow(modelId, reason);
    }

    @Override
    String defaultReason() {
        return "taken out of shadow with fmnist unshadow";
    }

    @Override
    String afterStatus() {
        return " again: no longer scored beside the production model";
    }
}
