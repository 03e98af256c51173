package dev.fmnist.ingest.service;

/**
 * A replay of one split to {@code fmnist.images.input}.
 *
 * @param split split name
 * @param rate  images per second; null or 0 for as fast as possible
 * @param limit at most this many images (the first by id); null for the whole split
 */
public record ReplayRequest(String split, Double rate, Integer limit) {}
