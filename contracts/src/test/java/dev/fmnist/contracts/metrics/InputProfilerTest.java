package dev.fmnist.contracts.metrics;

import dev.fmnist.contracts.InputProfile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InputProfilerTest {

    @Test
    void profilesGreyLevelsBackgroundAndClassesAsShares() {
        InputProfiler profiler = new InputProfiler();
        byte[] blank = new byte[784];
        byte[] white = new byte[784];
        Arrays.fill(white, (byte) 255);
        byte[] half = new byte[784];
        Arrays.fill(half, 0, 392, (byte) 200);

        profiler.add(blank, 0);
        profiler.add(white, 1);
        profiler.add(half, 1);
        profiler.add(half, -1);

        InputProfile profile = profiler.profile();
        assertThat(profile.images()).isEqualTo(4);
        assertThat(profile.classShare()[0]).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(profile.classShare()[1]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(profile.meanGrey()[0]).as("blank: mean 0").isEqualTo(0.25);
        assertThat(profile.meanGrey()[InputProfiler.GREY_BINS - 1])
                .as("white: mean 255")
                .isEqualTo(0.25);
        assertThat(profile.meanGrey()[6])
                .as("half at 200: mean 100, bin 100/16")
                .isEqualTo(0.5);
        assertThat(profile.background()[InputProfiler.BACKGROUND_BINS - 1])
                .as("blank: all 0")
                .isEqualTo(0.25);
        assertThat(profile.background()[0]).as("white: none 0").isEqualTo(0.25);
        assertThat(profile.background()[5]).as("half: share 0.5").isEqualTo(0.5);
        assertThat(profile.meanGreyLevel()).isCloseTo((0 + 255 + 100 + 100) / 4.0, within(1e-9));
        assertThat(profile.backgroundMean()).isCloseTo((1 + 0 + 0.5 + 0.5) / 4.0, within(1e-12));
    }

    @Test
    void anEmptyProfileHasZeroShares() {
        InputProfile profile = new InputProfiler().profile();

        assertThat(profile.images()).isZero();
        assertThat(profile.classShare()).containsOnly(0.0);
        assertThat(profile.meanGrey()).hasSize(InputProfiler.GREY_BINS).containsOnly(0.0);
    }
}
