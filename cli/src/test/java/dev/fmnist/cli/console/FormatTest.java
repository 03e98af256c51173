package dev.fmnist.cli.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void numbersAreFormattedForPeople() {
        assertThat(Format.count(70000)).isEqualTo("70,000");
        assertThat(Format.percent(0.88094)).isEqualTo("88.09%");
        assertThat(Format.ratio(0.880149)).isEqualTo("0.8801");
        assertThat(Format.duration(42.4)).isEqualTo("42s");
        assertThat(Format.duration(107)).isEqualTo("1m47s");
        assertThat(Format.duration(-3)).isEqualTo("0s");
    }
}
