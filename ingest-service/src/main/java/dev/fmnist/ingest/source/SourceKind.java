package dev.fmnist.ingest.source;

import java.util.Locale;

/** The source formats the service reads. */
public enum SourceKind {
    /** The official IDX layout: {@code train-*} and {@code t10k-*} image and label files, gzipped or raw. */
    IDX,
    /** {@code label,pixel1..pixel784} with a header line; one file per split. */
    CSV,
    /** A folder of PNG/JPEG images with one subfolder per class (label number or class name). */
    PNG;

    /** @return the lower-case name used in requests, events and the catalog */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code idx}, {@code csv}, {@code png} (also {@code jpeg}/{@code jpg}/{@code images}), any case
     * @return the kind
     * @throws IllegalArgumentException for anything else
     */
    public static SourceKind parse(String text) {
        String lower = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "idx" -> IDX;
            case "csv" -> CSV;
            case "png", "jpg", "jpeg", "images" -> PNG;
            default -> throw new IllegalArgumentException("unknown source kind '" + text + "'; use idx, csv or png");
        };
    }
}
