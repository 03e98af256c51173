package dev.fmnist.training.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.ImageGeometry;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Recomputes a split's content hash from the records of its topic, the way the ingest-service computes the
 * {@code contentHash} of a {@code DatasetSplit} it announces: SHA-256 over, for each image in ascending source
 * position, the position (4 bytes, big-endian), the label (1 byte) and the 784 grey levels. The position is the last
 * segment of the record key ({@code <name>/<split>/<position>}, see ingest's {@code ImageIds}), so the hash can only
 * be recomputed when every key has that form.
 */
public final class SplitHash {

    private SplitHash() {}

    /**
     * @param byKey the split's labelled images by record key
     * @return the lower-case hex hash, or null when a key carries no position
     */
    public static String of(Map<String, DecodedImage> byKey) {
        List<Positioned> images = new ArrayList<>(byKey.size());
        for (Map.Entry<String, DecodedImage> entry : byKey.entrySet()) {
            OptionalInt position = position(entry.getKey());
            if (position.isEmpty()
                    || entry.getValue().label() == null
                    || entry.getValue().pixels().length != ImageGeometry.PIXELS) {
                return null;
            }
            images.add(new Positioned(position.getAsInt(), entry.getValue()));
        }
        images.sort(Comparator.comparingInt(Positioned::position));
        MessageDigest digest = sha256();
        ByteBuffer head = ByteBuffer.allocate(5);
        for (Positioned image : images) {
            head.clear();
            head.putInt(image.position()).put((byte) image.image().label().intValue());
            digest.update(head.array());
            digest.update(image.image().pixels());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return the source position at the end of an ingest image id, e.g. 42 for {@code fashion-mnist/train/00042} */
    static OptionalInt position(String key) {
        if (key == null) {
            return OptionalInt.empty();
        }
        String last = key.substring(key.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.length() > 9 || !last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(last));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Positioned(int position, DecodedImage image) {}
}
