package dev.fmnist.ingest.service;

import dev.fmnist.ingest.source.SourceKind;

import java.util.Map;
import java.util.Objects;

/**
 * What to ingest.
 *
 * @param kind           source format
 * @param path           file or folder; null for the configured data folder (official IDX files)
 * @param name           dataset name; null for the official name
 * @param split          split of a CSV file / image folder whose name tells none; null for {@code train}
 * @param force          publish again even when the same content is ready, or replace other content of the name
 * @param verify         verify SHA-256 sums; null for the configured default
 * @param expectedSha256 file name (without {@code .gz}) → SHA-256 of its decompressed content the source must have
 */
public record IngestRequest(
        SourceKind kind,
        String path,
        String name,
        String split,
        boolean force,
        Boolean verify,
        Map<String, String> expectedSha256) {

    public IngestRequest {
        kind = kind == null ? SourceKind.IDX : kind;
        if (expectedSha256 != null && expectedSha256.values().stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("expectedSha256 maps file names to SHA-256 sums; a sum is null");
        }
        expectedSha256 = expectedSha256 == null ? Map.of() : Map.copyOf(expectedSha256);
    }

    /** @return a request for the official files in the configured data folder */
    public static IngestRequest official() {
        return new IngestRequest(SourceKind.IDX, null, null, null, false, null, Map.of());
    }
}
