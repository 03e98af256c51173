package dev.fmnist.cli.console;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {

    @Test
    void columnsAreAlignedToTheWidestCellAndIndented() {
        StringWriter text = new StringWriter();
        new Table("topic", "partitions")
                .row("fmnist.predictions", 4)
                .row("fmnist.models", 1)
                .print(new PrintWriter(text), 2);

        assertThat(text.toString().lines())
                .containsExactly(
                        "  topic               partitions", "  fmnist.predictions  4", "  fmnist.models       1");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
