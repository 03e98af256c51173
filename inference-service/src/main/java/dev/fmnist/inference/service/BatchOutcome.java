package dev.fmnist.inference.service;

import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;

import java.util.List;

/**
 * What one batch of input records became: one Prediction per accepted record and one Rejection per refused
 * record, each in input order.
 *
 * @param predictions  for the accepted records
 * @param rejections   for the refused records
 * @param forwardNanos time the forward pass took (0 when nothing was accepted)
 */
public record BatchOutcome(List<Prediction> predictions, List<Rejection> rejections, long forwardNanos) {

    /** @return how many records the batch held */
    public int size() {
        return predictions.size() + rejections.size();
    }
}
