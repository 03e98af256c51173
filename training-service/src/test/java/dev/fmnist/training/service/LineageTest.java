package dev.fmnist.training.service;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.ml.training.TrainingData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LineageTest {

    private static final String TOPIC = "fmnist.datasets.mini.train";

    @Test
    void theSplitAsAnnouncedPasses() {
        LoadedSplit read = read(Map.of("mini/train/00001", 3, "mini/train/00002", 5));
        assertThat(Lineage.problem(dataset(), announced(2, counts(3, 5), read.contentHash()), read, true))
                .isNull();
    }

    @Test
    void moreImagesOnTheTopicThanAnnouncedFailWithBothNumbers() {
        LoadedSplit read = read(Map.of("mini/train/00001", 3, "mini/train/00002", 5, "mini/train/00003", 5));
        assertThat(Lineage.problem(dataset(), announced(2, null, null), read, true))
                .startsWith("lineage: split train of dataset mini-1 was announced with 2 images but topic " + TOPIC
                        + " holds 3 labelled images");
    }

    @Test
    void otherClassesWithTheSameCountFail() {
        LoadedSplit read = read(Map.of("mini/train/00001", 3, "mini/train/00002", 3));
        assertThat(Lineage.problem(dataset(), announced(2, counts(3, 5), null), read, true))
                .startsWith("lineage: split train of dataset mini-1 was announced with images per class");
    }

    @Test
    void otherPixelsWithTheSameCountsFailOnTheContentHash() {
        LoadedSplit original = read(Map.of("mini/train/00001", 3, "mini/train/00002", 5));
        LoadedSplit reingested = read(Map.of("mini/train/00001", 3, "mini/train/00002", 5), 9);
        DatasetSplit split = announced(2, counts(3, 5), original.contentHash());
        assertThat(Lineage.problem(dataset(), split, reingested, true))
                .startsWith("lineage: split train of dataset mini-1 announces content hash " + original.contentHash())
                .contains(reingested.contentHash());
        assertThat(Lineage.problem(dataset(), split, reingested, false))
                .as("hash check off")
                .isNull();
    }

    @Test
    void anAnnouncementWithoutAHashIsCheckedOnCountsOnly() {
        LoadedSplit read = read(Map.of("hand-made-a", 3, "hand-made-b", 5));
        assertThat(Lineage.problem(dataset(), announced(2, counts(3, 5), null), read, true))
                .isNull();
        assertThat(Lineage.problem(dataset(), announced(2, counts(3, 5), "ab12"), read, true))
                .contains("carry no source positions");
    }

    private static DatasetReady dataset() {
        return new DatasetReady("mini-1", "mini", "h", "test", "idx", List.of(), Instant.now());
    }

    private static DatasetSplit announced(long count, long[] classCounts, String hash) {
        return new DatasetSplit("train", TOPIC, count, classCounts, hash, 0);
    }

    private static long[] counts(int... labels) {
        long[] counts = new long[10];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static LoadedSplit read(Map<String, Integer> labels) {
        return read(labels, 1);
    }

    private static LoadedSplit read(Map<String, Integer> labels, int seed) {
        Map<String, DecodedImage> byKey = new TreeMap<>();
        labels.forEach((key, label) -> {
            byte[] pixels = new byte[784];
            pixels[key.length() * seed % 784] = (byte) seed;
            byKey.put(key, new DecodedImage(key, pixels, label));
        });
        List<byte[]> images = byKey.values().stream().map(DecodedImage::pixels).toList();
        int[] ls = byKey.values().stream().mapToInt(DecodedImage::label).toArray();
        return new LoadedSplit(TOPIC, new TrainingData(images, ls), byKey.size(), 0, 0, SplitHash.of(byKey));
    }
}
