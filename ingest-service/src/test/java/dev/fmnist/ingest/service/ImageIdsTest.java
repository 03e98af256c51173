package dev.fmnist.ingest.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageIdsTest {

    @Test
    void idsAreNameSplitAndZeroPaddedPosition() {
        assertThat(ImageIds.of("fashion-mnist", "train", 42)).isEqualTo("fashion-mnist/train/00042");
        assertThat(ImageIds.of("fashion-mnist", "test", 0)).isEqualTo("fashion-mnist/test/00000");
        assertThat(ImageIds.of("big", "train", 123_456)).isEqualTo("big/train/123456");
    }
}
