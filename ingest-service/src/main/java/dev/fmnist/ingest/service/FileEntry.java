package dev.fmnist.ingest.service;

/**
 * A file a catalogued dataset was read from.
 *
 * @param split          the split it belongs to
 * @param name           file name (without {@code .gz})
 * @param sha256         SHA-256 of its decompressed content
 * @param expectedSha256 the sum it was verified against, or null
 * @param verified       whether it matched an expected sum
 */
public record FileEntry(String split, String name, String sha256, String expectedSha256, boolean verified) {}
