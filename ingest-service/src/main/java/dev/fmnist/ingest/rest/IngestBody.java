package dev.fmnist.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * Body of {@code POST /datasets}; every field is optional (an empty body ingests the official files of the data
 * folder).
 */
@Schema(description = "What to ingest; an empty body ingests the official IDX files of the configured data folder")
public record IngestBody(
        @Schema(description = "source format: idx, csv or png (a folder of PNG/JPEG images)", defaultValue = "idx")
        String kind,

        @Schema(description = "file or folder on the service's machine; absent = the configured data folder")
        String path,

        @Schema(
                description = "dataset name (topic fmnist.datasets.<name>.<split>, ids <name>/<split>/<n>)",
                defaultValue = "fashion-mnist")
        String name,

        @Schema(description = "split of a CSV file or image folder whose name tells none", defaultValue = "train")
        String split,

        @Schema(description = "publish again even if the same content is ready; replace other content of the name")
        Boolean force,

        @Schema(description = "verify SHA-256 sums (default from fmnist.ingest.verify-checksums)")
        Boolean verify,

        @Schema(description = "file name (without .gz) -> SHA-256 of its decompressed content that it must have")
        Map<String, String> expectedSha256) {}
