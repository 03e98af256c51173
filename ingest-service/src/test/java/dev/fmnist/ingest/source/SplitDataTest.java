package dev.fmnist.ingest.source;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SplitDataTest {

    @Test
    void theContentHashDependsOnPixelsLabelsAndPositionsOnly() {
        SplitData fixture = CsvFixture.FIXTURE_TEST;
        SplitData same = new SplitData.Builder("other-name")
                .accept(0, fixture.label(0), fixture.pixels(0))
                .accept(1, fixture.label(1), fixture.pixels(1))
                .build();
        SplitData again = new SplitData.Builder("test")
                .accept(0, fixture.label(0), fixture.pixels(0))
                .accept(1, fixture.label(1), fixture.pixels(1))
                .build();
        SplitData shifted = new SplitData.Builder("test")
                .accept(0, fixture.label(0), fixture.pixels(0))
                .accept(2, fixture.label(1), fixture.pixels(1))
                .build();
        SplitData relabelled = new SplitData.Builder("test")
                .accept(0, fixture.label(0), fixture.pixels(0))
                .accept(1, (fixture.label(1) + 1) % 10, fixture.pixels(1))
                .build();

        assertThat(same.contentHash()).isEqualTo(again.contentHash()).hasSize(64);
        assertThat(shifted.contentHash()).isNotEqualTo(again.contentHash());
        assertThat(relabelled.contentHash()).isNotEqualTo(again.contentHash());
        assertThat(SplitData.datasetHash(List.of("train"), List.of(again.contentHash())))
                .isNotEqualTo(SplitData.datasetHash(List.of("test"), List.of(again.contentHash())));
    }

    @Test
    void theBuilderGrowsAndKeepsSourceOrder() {
        SplitData.Builder builder = new SplitData.Builder("train");
        for (int i = 0; i < 3000; i++) {
            builder.accept(i * 2, i % 10, CsvFixture.FIXTURE_TEST.pixels(i % 500));
        }
        SplitData split = builder.build();
        assertThat(split.count()).isEqualTo(3000);
        assertThat(split.index(2999)).isEqualTo(5998);
        assertThat(split.pixels(2999)).isEqualTo(CsvFixture.FIXTURE_TEST.pixels(2999 % 500));
        assertThat(split.classCounts()).containsOnly(300L);
    }
}
