package dev.fmnist.ingest.source;

/**
 * One file a split was read from, with its checksum outcome.
 *
 * @param name           file name, without a {@code .gz} suffix (the sum is of the decompressed content)
 * @param sha256         SHA-256 of the decompressed content
 * @param expectedSha256 the sum it was checked against, or null when none applied
 * @param verified       whether it matched an expected sum
 */
public record SourceFile(String name, String sha256, String expectedSha256, boolean verified) {}
