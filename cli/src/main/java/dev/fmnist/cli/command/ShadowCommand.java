package dev.fmnist.cli.command;

import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;

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
public final class ShadowCommand extends ModelStatusCommand {

    @Override
    ModelVersion change(TrainingClient training, String modelId, String reason) {
        return training.shadow(modelId, reason);
    }

    @Override
    String defaultReason() {
        return "put in shadow with fmnist shadow";
    }

    @Override
    String afterStatus() {
        return ": scored beside the production model (see fmnist compare)";
    }
}
