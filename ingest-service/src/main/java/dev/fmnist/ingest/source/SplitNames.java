package dev.fmnist.ingest.source;

import java.util.Locale;
import java.util.regex.Pattern;

/** Split and dataset names: what is allowed (they become parts of topic names and ids) and how files map to splits. */
public final class SplitNames {

    /** Names allowed for datasets and splits: letters, digits, '-' and '_', 1..64 characters, no dots. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private SplitNames() {}

    /** @return whether {@code name} can be a dataset or split name */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Guesses the split a file holds from its name: {@code test}/{@code t10k} → test, {@code train} → train.
     *
     * @param fileName a file name such as {@code fashion-mnist_test.csv}
     * @param fallback split to use when the name says nothing
     * @return the split
     */
    public static String fromFileName(String fileName, String fallback) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.contains("test") || lower.contains("t10k")) {
            return "test";
        }
        if (lower.contains("train")) {
            return "train";
        }
        return fallback;
    }
}
