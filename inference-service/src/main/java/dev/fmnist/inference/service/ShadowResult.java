package dev.fmnist.inference.service;

import dev.fmnist.contracts.Prediction;
import dev.fmnist.inference.model.ServingModel;

import java.util.List;

/**
 * What one model in shadow made of a batch's accepted images.
 *
 * @param model        the model in shadow
 * @param predictions  one Prediction (role {@code shadow}) per accepted image, in order; empty when it failed
 * @param failure      why it could not score the batch, or null
 * @param forwardNanos time its forward pass took
 */
public record ShadowResult(
        ServingModel model, List<Prediction> predictions, RuntimeException failure, long forwardNanos) {

    /** @return whether the model scored the batch */
    public boolean succeeded() {
        return failure == null;
    }
}
