package dev.fmnist.evaluation.service;

/**
 * What the store says of one model, cheaply: how many of its images are counted durably and which stored snapshot is
 * its newest. Compared with the {@link EvaluationBook} to find the models another replica changed.
 *
 * @param modelId    model id
 * @param images     labelled images counted (by every replica)
 * @param snapshotId id of its newest stored snapshot, 0 when none
 */
public record ModelMark(String modelId, long images, long snapshotId) {}
