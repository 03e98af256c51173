package dev.fmnist.training.service;

import dev.fmnist.ml.training.TrainingData;

/**
 * A dataset split as read from its topic.
 *
 * @param topic       where it was read from
 * @param data        unique labelled images, ordered by key
 * @param records     records read
 * @param duplicates  records whose key had been seen before
 * @param skipped     records refused by the input rules or without a label
 * @param contentHash the images' content hash as the ingest-service computes it ({@link SplitHash}), null when the
 *                    record keys carry no source positions
 */
public record LoadedSplit(
        String topic, TrainingData data, int records, int duplicates, int skipped, String contentHash) {}
