package dev.fmnist.ingest.service;

import java.util.Locale;

/**
 * Stable image ids: {@code <dataset name>/<split>/<source position, 5+ digits>}, e.g.
 * {@code fashion-mnist/train/00042}. The position is the image's place in its source file (rejected rows keep
 * theirs), so publishing the same data again reuses the same ids, and replays carry the same ids.
 */
public final class ImageIds {

    private ImageIds() {}

    /** @return the id of the image at {@code index} of {@code split} in dataset {@code name} */
    public static String of(String name, String split, int index) {
        return name + "/" + split + "/" + String.format(Locale.ROOT, "%05d", index);
    }
}
