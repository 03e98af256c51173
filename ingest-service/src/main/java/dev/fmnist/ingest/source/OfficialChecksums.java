package dev.fmnist.ingest.source;

import java.util.Map;
import java.util.Optional;

/** The contract's SHA-256 sums of the decompressed official Fashion-MNIST files. */
public final class OfficialChecksums {

    /** File name (without {@code .gz}) → SHA-256 of its decompressed content. */
    public static final Map<String, String> SUMS = Map.of(
            "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private OfficialChecksums() {}

    /** @return the official sum of {@code fileName}, when it is one of the four official files */
    public static Optional<String> of(String fileName) {
        return Optional.ofNullable(SUMS.get(fileName));
    }
}
