package dev.fmnist.cli.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobParametersTest {

    @Test
    void valuesAreJsonWhenTheyParseAndTextOtherwise() {
        assertThat(JobParameters.parse(List.of(
                        "hiddenLayers=[256,128]",
                        "dropout=0.2",
                        "earlyStoppingPatience=3",
                        "activation=relu",
                        "verbose=true",
                        "name=\"quoted\"")))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("hiddenLayers", List.of(256, 128)),
                        org.assertj.core.api.Assertions.entry("dropout", 0.2),
                        org.assertj.core.api.Assertions.entry("earlyStoppingPatience", 3),
                        org.assertj.core.api.Assertions.entry("activation", "relu"),
                        org.assertj.core.api.Assertions.entry("verbose", true),
                        org.assertj.core.api.Assertions.entry("name", "quoted"));
    }

    @Test
    void aPairWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> JobParameters.parse(List.of("=3"))).hasMessageContaining("key=value");
        assertThatThrownBy(() -> JobParameters.parse(List.of("dropout"))).hasMessageContaining("'dropout'");
    }
}
