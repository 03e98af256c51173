package dev.fmnist.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /datasets/{id}/replay}. */
@Schema(description = "Which split to replay to fmnist.images.input, how fast and how much")
public record ReplayBody(
        @Schema(description = "split name, e.g. test", required = true)
        String split,

        @Schema(description = "images per second; absent or 0 = as fast as possible")
        Double rate,

        @Schema(description = "at most this many images (the first by id); absent = the whole split")
        Integer limit) {}
