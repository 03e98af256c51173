package dev.fmnist.ingest.service;

/**
 * One split of a catalogued dataset.
 *
 * @param split       split name
 * @param topic       its topic, {@code fmnist.datasets.<name>.<split>}
 * @param count       images published
 * @param rejected    source rows refused
 * @param contentHash SHA-256 over its images (see the README)
 * @param classCounts images per label 0..9
 */
public record SplitEntry(
        String split, String topic, long count, long rejected, String contentHash, long[] classCounts) {}
