package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Prediction;

import java.util.List;

/** Sees every valid prediction of a batch, labelled or not, once the batch is counted. */
@FunctionalInterface
public interface PredictionObserver {

    /** Nobody watches. */
    PredictionObserver NONE = valid -> {};

    /** @param valid the batch's valid predictions, in consumption order */
    void observe(List<Prediction> valid);
}
